import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionOwnership } from '../services/cluster.ts';
import { rooms, sessionRoutedBy } from '../realtime/rooms.ts';
import { AgendaService } from '../services/agenda-service.ts';
import { AnswerService } from '../services/answer-service.ts';
import { BreakoutService } from '../services/breakout-service.ts';
import { CommentService } from '../services/comment-service.ts';
import { SynthesisService } from '../services/synthesis-service.ts';
import { Presence } from '../services/presence.ts';
import { JoinKeys } from '../services/join-keys.ts';
import { SessionService } from '../services/session-service.ts';
import { SessionStore } from '../services/session-store.ts';
import { TemplateCatalog } from '../services/template-catalog.ts';
import { TurnService } from '../services/turn-service.ts';
import { QaService } from '../services/qa-service.ts';
import { ReportService } from '../services/report-service.ts';
import { WorkspaceService } from '../services/workspace-service.ts';
import { AuditService } from '../services/audit-service.ts';
import { CommitmentService } from '../services/commitment-service.ts';
import { CommitmentPublisher } from '../realtime/commitment-publisher.ts';
import { SupportService } from '../services/support-service.ts';
import { CatalogueService } from '../services/catalogue-service.ts';
import { ExperienceService } from '../services/experience-service.ts';
import { IdleRelease } from '../services/idle-release.ts';
import { experiencePublisher } from '../realtime/experience-publisher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: {
      /** The sessions held in memory, shared by the services below. */
      store: SessionStore;
      sessions: SessionService;
      answers: AnswerService;
      agenda: AgendaService;
      breakouts: BreakoutService;
      syntheses: SynthesisService;
      turns: TurnService;
      qa: QaService;
      presence: Presence;
      templates: TemplateCatalog;
      reports: ReportService;
      workspace: WorkspaceService;
      comments: CommentService;
      audit: AuditService;
      commitments: CommitmentService;
      support: SupportService;
      catalogue: CatalogueService;
      experiences: ExperienceService;
    };
  }
}

/** Repositories and services, wired once; routes and socket handlers call these. */
export default fp(
  async (app, opts: { publicUrl: string | null; now: () => number; idleReleaseMs: number }) => {
    const { now } = opts;
    const { storage } = app;
    const ownership = app.ownership;
    const store = new SessionStore(storage, { claim: ownership?.claim, release: ownership?.release });
    // A node that lost its owner connection lost its sessions: it lets them go, and their
    // sockets reconnect, to whichever node owns them now.
    ownership?.onLost((sessionIds) => {
      for (const sessionId of sessionIds) {
        store.drop(sessionId);
        app.io.in(rooms.session(sessionId)).disconnectSockets(true);
      }
    });
    // Nothing is published for a session dropped from memory: a pending flush would find it gone.
    if (ownership) store.attach({ load: () => Promise.resolve(), forget: (sessionId) => app.publisher.forget(sessionId) });
    const templates = new TemplateCatalog(undefined, storage.templates);
    const publicUrl = () => {
      if (opts.publicUrl) return opts.publicUrl;
      const address = app.server.address() as AddressInfo | null;
      return `http://localhost:${address?.port ?? 3000}`;
    };
    const presence = new Presence();
    const breakouts = new BreakoutService({ storage, store, presence, publisher: app.publisher, now });
    const { series, settings } = storage;
    const audit = new AuditService({ storage, now });
    const seriesTitles = async () => new Map((await series.list(null)).map((s) => [s.id, s.title]));
    const support = new SupportService({ storage, seriesTitles, audit, now });
    const syntheses = new SynthesisService({ storage, store, breakouts, register: support, publisher: app.publisher, now });
    const experiences = new ExperienceService({ storage, store, breakouts, syntheses, notifier: experiencePublisher(app.io), now });
    const joinKeys = await JoinKeys.fromSettings(settings);
    const turns = new TurnService({ storage, store, breakouts, publisher: app.publisher, now });
    const qa = new QaService({ storage, store, publisher: app.publisher, now });
    const sessions = new SessionService({
      storage,
      store,
      breakouts,
      syntheses,
      turns,
      qa,
      templates,
      publisher: app.publisher,
      publicUrl,
      joinKeys,
      now,
      observeCommit: app.metrics?.commitObserver('participants'),
    });
    const answers = new AnswerService(storage.answers, store, app.publisher, now, app.metrics?.commitObserver('answers'));
    const idleRelease = ownership && releaseIdleSessions(app, ownership, { store, sessions, answers, delayMs: opts.idleReleaseMs });
    const agenda = new AgendaService({ storage, store, breakouts, syntheses, qa, publisher: app.publisher, now });
    const commitmentPublisher = new CommitmentPublisher(app.io, (sessionId, activityId) => commitments.tally(sessionId, activityId));
    const commitments = new CommitmentService({ storage, store, publish: (s, a) => commitmentPublisher.publish(s, a), now });
    const reports = new ReportService({
      store,
      sessionsRepo: storage.sessions,
      commentsRepo: storage.comments,
      participantsRepo: storage.participants,
      experiencesRepo: storage.experiences,
      series,
      breakouts,
      syntheses,
      turns,
      commitments,
      support,
      qa,
      now,
    });
    const comments = new CommentService({ storage, store, now });
    const { eraser } = app;
    const workspace = new WorkspaceService({
      sessions,
      store,
      sessionsRepo: storage.sessions,
      series,
      reports,
      settings,
      publisher: app.publisher,
      eraser,
      audit,
      ownership,
      now,
    });
    // What other nodes of a cluster tell this one: a deletion or an expiry of a session it may own.
    ownership?.onNotice((notice) => {
      const handled =
        notice.kind === 'removed' ? workspace.removedElsewhere(notice.sessionId) : workspace.retentionAsked(notice.sessionId, notice.by);
      handled.catch((error: unknown) => app.log.error({ err: error, notice }, 'a notice from another node could not be handled'));
    });
    const catalogue = new CatalogueService({ storage, workspace, audit, now });
    app.decorate('services', {
      store,
      sessions,
      answers,
      agenda,
      breakouts,
      syntheses,
      turns,
      qa,
      presence,
      templates,
      reports,
      workspace,
      comments,
      audit,
      commitments,
      support,
      experiences,
      catalogue,
    });
    // On one node every running breakout is loaded at start-up, so its deadline passes on time. In
    // a cluster a node does not take sessions it was not asked for: a loaded one arms its own.
    if (!ownership) await breakouts.armRunningTimers();
    // The retention period (and the audit trail's keeping period) is applied at start-up and then
    // every hour. Erasing at start-up (done by the retention when it removed something) finishes
    // an erasure that a stop interrupted (on PostgreSQL, only one asked for and not finished).
    const applyRetention = async () => {
      await audit.prune();
      return workspace.applyRetention();
    };
    if ((await applyRetention()) === 0) eraser.resume();
    const retention = setInterval(
      () => {
        applyRetention().catch((error: unknown) => app.log.error({ err: error }, 'the retention period could not be applied'));
      },
      60 * 60 * 1000,
    );
    retention.unref();
    app.addHook('onClose', async () => {
      clearInterval(retention);
      breakouts.close();
      idleRelease?.close();
      commitmentPublisher.close();
    });
  },
  { name: 'services', dependencies: ['db', 'realtime'] },
);

/**
 * In a cluster, lets a session go once no socket of it has been connected to this node for a
 * while (IdleRelease): its joins and answers written, in its turn, then its lock released. Its
 * sockets are counted by its routing room (`rooms.routed`), which each joins on connecting.
 */
function releaseIdleSessions(
  app: FastifyInstance,
  ownership: SessionOwnership,
  deps: { store: SessionStore; sessions: SessionService; answers: AnswerService; delayMs: number },
): IdleRelease {
  const { store, sessions, answers } = deps;
  const adapter = app.io.of('/').adapter;
  const isIdle = (sessionId: string) => !adapter.rooms.has(rooms.routed(sessionId));
  const ready = async (sessionId: string) => {
    await Promise.all([sessions.written(), answers.written()]);
    return isIdle(sessionId);
  };
  const idle = new IdleRelease({
    delayMs: deps.delayMs,
    isIdle,
    release: async (sessionId) => {
      const letGo = await store.release(
        sessionId,
        () => ready(sessionId),
        () => ownership.release(sessionId),
      );
      if (letGo) app.log.info({ sessionId }, 'no socket of the session is connected any more: this node let it go');
    },
    onError: (sessionId, error) => app.log.warn({ err: error, sessionId }, 'an idle session could not be let go'),
  });
  store.attach(idle);
  adapter.on('create-room', (room: string) => {
    const sessionId = sessionRoutedBy(room);
    if (sessionId) idle.joined(sessionId);
  });
  adapter.on('delete-room', (room: string) => {
    const sessionId = sessionRoutedBy(room);
    if (sessionId) idle.left(sessionId);
  });
  return idle;
}
