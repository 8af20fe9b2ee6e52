import type { Async } from '../db/async.ts';
import type { Storage } from '../db/storage.ts';
import type { ExperienceRepository } from '../db/experience-repository.ts';
import { AppError } from '../../shared/errors.ts';
import type { SeriesReport, SessionReport } from '../../shared/report.ts';
import type { SalaNumbersView } from '../../shared/types.ts';
import type { CommentRepository } from '../db/comment-repository.ts';
import type { ParticipantRepository } from '../db/participant-repository.ts';
import type { SeriesRepository } from '../db/series-repository.ts';
import type { SessionRepository } from '../db/session-repository.ts';
import { archiveOf, buildSeriesReport, buildSessionReport, fiveAxisQuestionIds, type ReportArchive } from '../domain/report.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { CommitmentService } from './commitment-service.ts';
import type { SessionStore } from './session-store.ts';
import type { SupportService } from './support-service.ts';
import type { SynthesisService } from './synthesis-service.ts';
import type { TurnService } from './turn-service.ts';
import type { QaService } from './qa-service.ts';

export interface ReportServiceDeps {
  store: Pick<SessionStore, 'open' | 'reload'>;
  sessionsRepo: Async<SessionRepository>;
  commentsRepo: Async<Pick<CommentRepository, 'forSession'>>;
  participantsRepo: Async<Pick<ParticipantRepository, 'listForSession'>>;
  experiencesRepo: Async<Pick<ExperienceRepository, 'forSession'>>;
  series: Async<SeriesRepository>;
  breakouts: Pick<BreakoutService, 'views' | 'numbers' | 'forget'>;
  syntheses: Pick<SynthesisService, 'views' | 'forget'>;
  turns: Pick<TurnService, 'turnCounts' | 'forget'>;
  commitments: Pick<CommitmentService, 'reports'>;
  support: Pick<SupportService, 'forSession'>;
  qa: Pick<QaService, 'figures' | 'forget'>;
  now?: () => number;
}

/** Loads what a report needs and builds it; also keeps a report's aggregates when participant data goes. */
export class ReportService {
  readonly #deps: ReportServiceDeps;
  readonly #now: () => number;

  constructor(deps: ReportServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  async sessionReport(sessionId: string): Promise<SessionReport> {
    const { store, sessionsRepo, breakouts, syntheses, turns } = this.#deps;
    const record = await sessionsRepo.findById(sessionId);
    if (!record) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    const state = await store.open(sessionId);
    const series = record.seriesId ? await this.#deps.series.findById(record.seriesId) : null;
    const breakoutViews = breakouts.views(sessionId);
    const removed = record.participantDataRemovedAt !== null;
    const salaNumbers: Record<string, SalaNumbersView> = {};
    if (!removed) {
      for (const [activityId, view] of Object.entries(breakoutViews)) {
        if (view.phase !== 'pending' && view.salas.length > 0) salaNumbers[activityId] = breakouts.numbers(sessionId, activityId, null);
      }
    }
    const salaNames = Object.fromEntries(Object.values(breakoutViews).flatMap((view) => view.salas.map((sala) => [sala.id, sala.name])));
    const archived = await sessionsRepo.archive(sessionId);
    const answered = removed ? new Set<string>() : state.respondents();
    const people = removed ? [] : await this.#deps.participantsRepo.listForSession(sessionId);
    const commitments = removed ? [] : await this.#deps.commitments.reports(sessionId);
    return buildSessionReport({
      session: {
        id: record.id,
        title: record.title,
        code: record.code,
        status: record.status,
        createdAt: record.createdAt,
        closedAt: record.closedAt,
        series: series ? { id: series.id, title: series.title } : null,
        agencies: record.agencies,
        namesInReports: record.namesInReports,
        participantDataRemovedAt: record.participantDataRemovedAt,
      },
      agenda: state.agenda,
      live: removed
        ? null
        : {
            participants: state.participantCount,
            respondents: answered.size,
            results: state.allResults(Number.POSITIVE_INFINITY),
            breakouts: breakoutViews,
            salaNumbers,
            turns: turns.turnCounts(sessionId),
            commitments,
            people: people.map((p) => ({ agency: p.agency, responded: answered.has(p.id) })),
            agencyProfiles: Object.fromEntries(
              record.agencies.map((agency) => {
                const ids = people.filter((p) => p.agency === agency).map((p) => p.id);
                return [agency, Object.fromEntries(fiveAxisQuestionIds(state.agenda).map((q) => [q, state.resultsAmong(q, ids)]))];
              }),
            ),
            qa: this.#deps.qa.figures(sessionId),
          },
      archive: archived ? (JSON.parse(archived) as ReportArchive) : null,
      syntheses: syntheses.views(sessionId, { role: 'facilitator' }),
      salaNames,
      experiences: await this.#deps.experiencesRepo.forSession(sessionId),
      comments: Object.fromEntries((await this.#deps.commentsRepo.forSession(sessionId)).map((c) => [c.activityId, c.text])),
      events: await sessionsRepo.events(sessionId),
      support: await this.#deps.support.forSession(sessionId),
      generatedAt: this.#now(),
    });
  }

  /** The series with the given sessions (those the reader may see), oldest first. */
  async seriesReport(series: { id: string; title: string }, sessionIds: readonly string[]): Promise<SeriesReport> {
    const reports: SessionReport[] = [];
    for (const id of sessionIds) reports.push(await this.sessionReport(id));
    return buildSeriesReport({ id: series.id, title: series.title }, reports, this.#now());
  }

  /**
   * Removes a session's participants and answers, keeping its aggregates (and syntheses, which
   * belong to salas, not people), in `transaction` (the caller's, with its audit entry). The
   * session is then loaded again, so that every screen gets what remains.
   */
  async removeParticipantData(sessionId: string, transaction: (work: (tx: Storage) => Promise<void>) => Promise<void>): Promise<void> {
    const archive = JSON.stringify(archiveOf(await this.sessionReport(sessionId)));
    await transaction((tx) => tx.sessions.removeParticipantData(sessionId, archive, this.#now()));
    this.#deps.breakouts.forget(sessionId);
    this.#deps.syntheses.forget(sessionId);
    this.#deps.turns.forget(sessionId);
    this.#deps.qa.forget(sessionId);
    await this.#deps.store.reload(sessionId);
  }
}
