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
import { Handover, KnockCounter } from '../services/handover.ts';
import { AppError } from '../../shared/errors.ts';
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
      /** In a cluster, the sessions this node gives up to the node HAProxy sends them to; null on one node. */
      handover: Handover | null;
    };
  }
}

/** Repositories and services, wired once; routes and socket handlers call these. */
export default fp(
  async (app, opts: { publicUrl: string | null; now: () => number; idleReleaseMs: number }) => {
    const { now } = opts;
    const { storage } = app;
    const ownership = app.ownership;
    // In a cluster, a node that keeps refusing a session HAProxy sends it asks the owner for it (handover.ts).
    const knocks = new KnockCounter(now);
    const claim = ownership ? claimAsking(app, ownership, knocks) : undefined;
    const store = new SessionStore(storage, { claim, release: ownership?.release });
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
    const letGo = ownership && releaser(app, ownership, { store, sessions, answers });
    const idleRelease = letGo && releaseIdleSessions(app, store, letGo, opts.idleReleaseMs);
    // Another node is sent this session's connections and refuses them: its sockets here go, then the session.
    const handover =
      ownership &&
      letGo &&
      new Handover({
        owns: (sessionId) => ownership.owned().includes(sessionId),
        disconnect: (sessionId) => app.io.in(rooms.routed(sessionId)).disconnectSockets(true),
        letGo,
      });
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
    const handOver = async (sessionId: string) => {
      if (await handover?.wanted(sessionId))
        app.log.info({ sessionId }, 'another node is sent the connections of this session: this node handed it over');
    };
    // What other nodes of a cluster tell this one: a deletion or an expiry of a session it may own, or a session wanted elsewhere.
    ownership?.onNotice((notice) => {
      const handled =
        notice.kind === 'removed'
          ? workspace.removedElsewhere(notice.sessionId)
          : notice.kind === 'retention'
            ? workspace.retentionAsked(notice.sessionId, notice.by)
            : handOver(notice.sessionId);
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
      handover: handover || null,
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
  store: SessionStore,
  letGo: (sessionId: string) => Promise<boolean>,
  delayMs: number,
): IdleRelease {
  const adapter = app.io.of('/').adapter;
  const idle = new IdleRelease({
    delayMs,
    isIdle: (sessionId) => isIdle(app, sessionId),
    release: async (sessionId) => {
      if (await letGo(sessionId)) app.log.info({ sessionId }, 'no socket of the session is connected any more: this node let it go');
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

/** Whether no socket of the session is connected to this node (each joins its routing room, `rooms.routed`, on connecting). */
const isIdle = (app: FastifyInstance, sessionId: string) => !app.io.of('/').adapter.rooms.has(rooms.routed(sessionId));

/**
 * Lets a session go if no socket of it is connected: its joins and answers written, in its turn
 * (SessionStore.release), then its lock released. Resolves whether it went.
 */
function releaser(
  app: FastifyInstance,
  ownership: SessionOwnership,
  deps: { store: SessionStore; sessions: SessionService; answers: AnswerService },
): (sessionId: string) => Promise<boolean> {
  const { store, sessions, answers } = deps;
  const ready = async (sessionId: string) => {
    await Promise.all([sessions.written(), answers.written()]);
    return isIdle(app, sessionId);
  };
  return (sessionId) =>
    store.release(
      sessionId,
      () => ready(sessionId),
      () => ownership.release(sessionId),
    );
}

/**
 * Claims a session for this node; when another node holds it, counts the refusal and, once they
 * go on (KnockCounter), asks the owner for it with a `wanted` notice.
 */
function claimAsking(app: FastifyInstance, ownership: SessionOwnership, knocks: KnockCounter): (sessionId: string) => Promise<void> {
  return async (sessionId) => {
    try {
      await ownership.claim(sessionId);
      knocks.claimed(sessionId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SESSION_MOVED' && knocks.refused(sessionId)) {
        app.log.info({ sessionId }, 'the connections of a session another node holds keep coming here: this node asks for it');
        ownership
          .tell({ kind: 'wanted', sessionId })
          .catch((cause: unknown) => app.log.warn({ err: cause, sessionId }, 'the owner of a session could not be asked for it'));
      }
      throw error;
    }
  };
}
