import { randomInt } from 'node:crypto';
import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import type {
  Activity,
  ActivityResults,
  AgendaDocument,
  TemplateSummary,
  CreatedSession,
  DisplaySetPayload,
  JoinResult,
  LiveState,
  ParticipantSnapshot,
  SessionSnapshot,
  SessionView,
} from '../../shared/types.ts';
import type { AnswerRepository } from '../db/answer-repository.ts';
import type { ModerationRepository } from '../db/moderation-repository.ts';
import type { NewParticipant, ParticipantRecord, ParticipantRepository } from '../db/participant-repository.ts';
import type { SessionRepository } from '../db/session-repository.ts';
import { answeringOnArrival, isQuestion, stepFrom } from '../domain/agenda.ts';
import { generateJoinCode } from '../domain/join-code.ts';
import { SessionState } from '../domain/session-state.ts';
import { instantiateTemplate } from '../domain/templates.ts';
import { toAgendaDocument } from '../domain/agenda-document.ts';
import type { BreakoutService } from './breakout-service.ts';
import { GroupCommit } from './group-commit.ts';
import type { Publisher } from './publisher.ts';
import type { SynthesisService } from './synthesis-service.ts';
import { hashSecret, newSecret, secretMatches } from './secrets.ts';
import type { TemplateCatalog } from './template-catalog.ts';

export interface SessionServiceDeps {
  sessions: SessionRepository;
  participants: ParticipantRepository;
  answers: AnswerRepository;
  moderation: ModerationRepository;
  templates: TemplateCatalog;
  /** Breakouts: their views go into snapshots, and they place late joiners in salas. */
  breakouts: Pick<BreakoutService, 'views' | 'participantJoined'>;
  /** Syntheses: their views go into snapshots, each as its receiver may see it. */
  syntheses: Pick<SynthesisService, 'views'>;
  publisher: Publisher;
  /** Base of the links handed out (PUBLIC_URL), read when a link is made. */
  publicUrl: () => string;
  now?: () => number;
}

const notFound = () => new AppError('SESSION_NOT_FOUND', 'No hay ninguna sesión abierta con ese código.');
const closed = () => new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');

/**
 * Sessions, joining and the facilitator's controls. Keeps each live session in memory
 * (loaded from storage on first use, so a restart resumes where it was) and saves every
 * change before it is acknowledged.
 */
export class SessionService {
  readonly #deps: SessionServiceDeps;
  readonly #now: () => number;
  readonly #states = new Map<string, SessionState>();
  /** New participants are stored like answers: many per commit under load, each acked after it. */
  readonly #newParticipants: GroupCommit<NewParticipant, ParticipantRecord | null>;

  constructor(deps: SessionServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#newParticipants = new GroupCommit((entries) => deps.participants.createBatch(entries));
  }

  /** A new session: from a template, from an imported agenda (checked already), or empty. */
  create(input: {
    title: string;
    template?: string | undefined;
    agenda?: Activity[] | undefined;
    ownerAccountId?: string | null;
    seriesId?: string | null;
    agencies?: string[];
    namesInReports?: boolean;
  }): CreatedSession {
    let agenda: Activity[] = input.agenda ?? [];
    if (input.template !== undefined) {
      const template = this.#deps.templates.get(input.template);
      if (!template) throw new AppError('TEMPLATE_NOT_FOUND', `No existe la plantilla «${input.template}».`);
      agenda = instantiateTemplate(template, () => nanoid());
    }
    const facilitatorToken = newSecret(32);
    const id = nanoid();
    const base = {
      id,
      title: input.title.trim() || input.title,
      templateId: input.template ?? null,
      facilitatorTokenHash: hashSecret(facilitatorToken),
      createdAt: this.#now(),
      ownerAccountId: input.ownerAccountId ?? null,
      seriesId: input.seriesId ?? null,
      agencies: [...new Set((input.agencies ?? []).map((a) => a.trim()).filter((a) => a.length > 0))],
      namesInReports: input.namesInReports ?? false,
    };
    // Codes are unique among open sessions (a unique index); a collision just draws again.
    for (let attempt = 0; ; attempt++) {
      const code = generateJoinCode(randomInt);
      try {
        this.#deps.sessions.create({ ...base, code }, agenda);
        return { id, code, facilitatorToken, ...this.#links(id, code, facilitatorToken) };
      } catch (error) {
        const collision = error instanceof Error && /UNIQUE constraint failed: sessions\.code/.test(error.message);
        if (!collision || attempt >= 20) throw error;
      }
    }
  }

  #links(id: string, code: string, facilitatorToken: string) {
    const base = this.#deps.publicUrl();
    // The secret rides in the fragment: browsers never send it to a server or in a Referer.
    return {
      joinUrl: `${base}/j/${code}`,
      presenterUrl: `${base}/present/${id}#token=${facilitatorToken}`,
      facilitatorUrl: `${base}/facilitate/${id}#token=${facilitatorToken}`,
    };
  }

  /** The session in memory, loaded from storage on first use. */
  state(sessionId: string): SessionState {
    const cached = this.#states.get(sessionId);
    if (cached) return cached;
    const record = this.#deps.sessions.findById(sessionId);
    if (!record) throw new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
    const state = new SessionState({
      ...record,
      agenda: this.#deps.sessions.agenda(sessionId),
      participantCount: this.#deps.participants.countInSession(sessionId),
      answers: this.#deps.answers.forSession(sessionId),
      hiddenAnswers: this.#deps.moderation.hiddenForSession(sessionId),
    });
    this.#states.set(sessionId, state);
    return state;
  }

  /** Forgets the session in memory: the next use loads it again from storage. */
  reload(sessionId: string): void {
    this.#states.delete(sessionId);
  }

  /** Whether token is this session's facilitator secret. Unknown sessions simply do not match. */
  isFacilitator(sessionId: string, token: string): boolean {
    const record = this.#deps.sessions.findById(sessionId);
    if (record === null) return false;
    return secretMatches(token, record.facilitatorTokenHash) || this.#deps.sessions.hasFacilitatorLink(sessionId, hashSecret(token));
  }

  /**
   * A new console link for a signed-in owner or administrator: the first secret is only in its
   * creator's link (stored as a hash), so opening a past session from the workspace makes another.
   */
  newFacilitatorLink(sessionId: string, accountId: string): CreatedSession {
    const state = this.state(sessionId);
    const facilitatorToken = newSecret(32);
    this.#deps.sessions.addFacilitatorLink(sessionId, hashSecret(facilitatorToken), accountId, this.#now());
    return { id: sessionId, code: state.code, facilitatorToken, ...this.#links(sessionId, state.code, facilitatorToken) };
  }

  /** The open session behind a join code; tells a closed code from an unknown one. */
  findByCode(code: string): { sessionId: string; title: string } {
    const open = this.#deps.sessions.findOpenByCode(code);
    if (open) return { sessionId: open.id, title: open.title };
    if (this.#deps.sessions.findLatestByCode(code)) throw closed();
    throw notFound();
  }

  /**
   * Joins by code. A known participant token brings back the same participant (with their
   * answers); an unknown one, or none, makes a new anonymous participant with a new token.
   */
  async join(input: { code: string; participantToken?: string | undefined; displayName?: string | undefined }): Promise<JoinResult & { participantId: string; sessionId: string }> {
    const { sessionId } = this.findByCode(input.code);
    // Loaded before the insert, so the count it reads from storage does not include this one.
    const state = this.state(sessionId);
    const displayName = input.displayName?.trim() || null;
    const known = input.participantToken ? this.#deps.participants.findByTokenHash(hashSecret(input.participantToken)) : null;

    if (known && known.sessionId === sessionId && input.participantToken) {
      const renamed = input.displayName !== undefined && displayName !== known.displayName;
      if (renamed) this.#deps.participants.rename(known.id, displayName);
      // Someone coming back keeps their sala; one who missed the forming of salas gets one now.
      this.#deps.breakouts.participantJoined(sessionId, renamed ? { ...known, displayName } : known);
      return {
        participantToken: input.participantToken,
        participantId: known.id,
        sessionId,
        snapshot: this.participantSnapshot(sessionId, known.id),
      };
    }

    const participantToken = newSecret(24);
    const created = await this.#newParticipants.add({ id: nanoid(), sessionId, displayName, joinedAt: this.#now(), tokenHash: hashSecret(participantToken) });
    if (!created) throw notFound();
    state.participantCount += 1;
    this.#deps.breakouts.participantJoined(sessionId, created);
    this.#deps.publisher.liveChanged(sessionId);
    return { participantToken, participantId: created.id, sessionId, snapshot: this.participantSnapshot(sessionId, created.id) };
  }

  #view(state: SessionState): SessionView {
    return {
      id: state.id,
      code: state.code,
      title: state.title,
      createdAt: state.createdAt,
      agenda: [...state.agenda],
      live: state.live(),
      joinUrl: `${this.#deps.publicUrl()}/j/${state.code}`,
    };
  }

  /** Saves the session's agenda as a template to start later sessions from. */
  saveAsTemplate(sessionId: string, title: string): TemplateSummary {
    const state = this.state(sessionId);
    return this.#deps.templates.saveFrom(title, state.agenda, sessionId, this.#now());
  }

  /** The agenda as versioned JSON, ready to import into a new session. */
  agendaDocument(sessionId: string): AgendaDocument {
    const state = this.state(sessionId);
    return toAgendaDocument(state.title, state.agenda);
  }

  facilitatorSnapshot(sessionId: string): SessionSnapshot {
    const state = this.state(sessionId);
    return { session: this.#view(state), results: state.allResults(),
      breakouts: this.#deps.breakouts.views(sessionId),
      syntheses: this.#deps.syntheses.views(sessionId, { role: 'facilitator' }),
    };
  }

  participantSnapshot(sessionId: string, participantId: string): ParticipantSnapshot {
    const state = this.state(sessionId);
    const displayName = this.#deps.participants.findById(participantId)?.displayName ?? null;
    return {
      session: this.#view(state),
      results: state.publicResults(),
      breakouts: this.#deps.breakouts.views(sessionId),
      syntheses: this.#deps.syntheses.views(sessionId, { role: 'participant', participantId }),
      participantId,
      displayName,
      myAnswers: state.answersOf(participantId),
    };
  }

  /** Shows an activity (null: the join screen), opening a question on first arrival. */
  goto(sessionId: string, activityId: string | null): LiveState {
    const state = this.#openState(sessionId);
    if (activityId !== null) {
      const activity = state.activity(activityId);
      if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
      const answering = answeringOnArrival(activity, state.answering.get(activityId) ?? 'idle');
      if (answering !== state.answering.get(activityId)) this.#saveAnswering(state, activityId, answering);
    }
    // Results start hidden on every new activity, so early answers do not sway later ones.
    if (activityId !== state.currentActivityId) {
      state.resultsVisible = false;
      if (activityId !== null) this.#deps.sessions.recordEvent(sessionId, activityId, 'shown', this.#now());
    }
    state.currentActivityId = activityId;
    this.#saveLive(state);
    if (activityId) this.#deps.publisher.resultsChanged(sessionId, activityId);
    return state.live();
  }

  step(sessionId: string, direction: 'next' | 'previous'): LiveState {
    const state = this.#openState(sessionId);
    return this.goto(sessionId, stepFrom(state.agenda, state.currentActivityId, direction));
  }

  setAnswering(sessionId: string, activityId: string, open: boolean): LiveState {
    const state = this.#openState(sessionId);
    const activity = state.activity(activityId);
    if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
    if (!isQuestion(activity)) throw new AppError('NOT_ANSWERABLE', 'Esta actividad no recibe respuestas.');
    this.#saveAnswering(state, activityId, open ? 'open' : 'closed');
    this.#deps.publisher.liveChanged(sessionId);
    return state.live();
  }

  /** Hides an open answer from every screen (moderation), or shows it again; it is kept. */
  hideAnswer(sessionId: string, activityId: string, answerId: string, hidden: boolean): ActivityResults {
    const state = this.#openState(sessionId);
    const activity = state.activity(activityId);
    if (!activity) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no existe en esta sesión.');
    if (activity.kind !== 'open') throw new AppError('NOT_ANSWERABLE', 'Solo las respuestas abiertas se pueden ocultar.');
    if (!state.setAnswerHidden(activityId, answerId, hidden)) throw new AppError('NOT_FOUND', 'Esa respuesta no existe.');
    this.#deps.moderation.setHidden(activityId, answerId, hidden);
    this.#deps.publisher.resultsChanged(sessionId, activityId);
    return state.results(activityId)!;
  }

  setDisplay(sessionId: string, display: DisplaySetPayload): LiveState {
    const state = this.#openState(sessionId);
    if (display.resultsVisible !== undefined) state.resultsVisible = display.resultsVisible;
    if (display.blank !== undefined) state.blank = display.blank;
    this.#saveLive(state);
    // Participants receive the current results only while they are shown.
    if (state.currentActivityId && state.resultsVisible) this.#deps.publisher.resultsChanged(sessionId, state.currentActivityId);
    return state.live();
  }

  close(sessionId: string): LiveState {
    const state = this.#openState(sessionId);
    for (const [activityId, answering] of state.answering) {
      if (answering === 'open') this.#saveAnswering(state, activityId, 'closed');
    }
    this.#deps.sessions.close(sessionId, this.#now());
    state.status = 'closed';
    this.#deps.publisher.liveChanged(sessionId);
    return state.live();
  }

  #openState(sessionId: string): SessionState {
    const state = this.state(sessionId);
    if (state.status === 'closed') throw closed();
    return state;
  }

  #saveAnswering(state: SessionState, activityId: string, answering: 'idle' | 'open' | 'closed'): void {
    this.#deps.sessions.saveAnswering(state.id, activityId, answering);
    if (answering !== 'idle' && state.answering.get(activityId) !== answering) this.#deps.sessions.recordEvent(state.id, activityId, `answering:${answering}`, this.#now());
    state.answering.set(activityId, answering);
  }

  #saveLive(state: SessionState): void {
    this.#deps.sessions.saveLive(state.id, state);
    this.#deps.publisher.liveChanged(state.id);
  }
}
