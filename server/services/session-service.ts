import { randomInt } from 'node:crypto';
import { nanoid } from 'nanoid';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.ts';
import type {
  Activity,
  ActivityResults,
  AgendaDocument,
  TemplateSummary,
  CreatedSession,
  DisplaySetPayload,
  FacilitatorScreen,
  JoinResult,
  LiveState,
  ParticipantSnapshot,
  SessionSnapshot,
  SessionView,
} from '../../shared/types.ts';
import type { NewParticipant, ParticipantRecord } from '../db/participant-repository.ts';
import { CodeTakenError } from '../db/errors.ts';
import type { Storage } from '../db/storage.ts';
import { stepFrom } from '../domain/agenda.ts';
import { generateJoinCode } from '../domain/join-code.ts';
import { sessionNotFound, type JoinProof } from '../domain/join-guesses.ts';
import type { SessionChange, SessionState } from '../domain/session-state.ts';
import { instantiateTemplate } from '../domain/templates.ts';
import { toAgendaDocument } from '../domain/agenda-document.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { CommitObserver } from '../metrics/metrics.ts';
import { GroupCommit } from './group-commit.ts';
import type { JoinKeys } from './join-keys.ts';
import type { Publisher } from './publisher.ts';
import type { SessionStore } from './session-store.ts';
import type { SynthesisService } from './synthesis-service.ts';
import { hashSecret, newSecret, secretMatches } from './secrets.ts';
import type { TemplateCatalog } from './template-catalog.ts';
import type { TurnService } from './turn-service.ts';
import type { QaService } from './qa-service.ts';

export interface SessionServiceDeps {
  storage: Pick<Storage, 'sessions' | 'participants'>;
  store: SessionStore;
  templates: Pick<TemplateCatalog, 'get' | 'saveFrom'>;
  /** Breakouts: their views go into snapshots, and they place late joiners in salas. */
  breakouts: Pick<BreakoutService, 'views' | 'participantJoined'>;
  /** Syntheses: their views go into snapshots, each as its receiver may see it. */
  syntheses: Pick<SynthesisService, 'views'>;
  /** Turns to speak: every sala's for facilitators, a participant's own salas'. */
  turns: Pick<TurnService, 'views'>;
  /** Q&A: every question for facilitators, the shown ones and one's own for a participant. */
  qa: Pick<QaService, 'boards' | 'mine'>;
  publisher: Publisher;
  /** Base of the links handed out (PUBLIC_URL), read when a link is made. */
  publicUrl: () => string;
  /** The keys that join links and QR codes carry. */
  joinKeys: Pick<JoinKeys, 'keyOf' | 'matches'>;
  now?: () => number;
  /** Told each new-participant commit's size and duration (/metrics). */
  observeCommit?: CommitObserver | undefined;
}

/** The session behind a join code, as the join screen and the join itself need it. */
export interface JoinTarget {
  sessionId: string;
  title: string;
  createdAt: number;
  locale: Locale;
  /** The agencies taking part, for a participant to pick theirs. */
  agencies: string[];
}
/** A participant's agency must be one the session lists (or null: not said); nothing is stored otherwise. */
function assertAgencyOf(agencies: string[], agency: string | null): void {
  if (agency !== null && !agencies.includes(agency))
    throw new AppError('VALIDATION_FAILED', 'Esa institución no participa en esta sesión. Elige una de la lista.');
}

const closed = () => new AppError('SESSION_CLOSED', 'Esta sesión ya terminó.');

/**
 * Sessions, joining and the facilitator's controls. The session's rules are `SessionState`'s
 * (held in the `SessionStore`); each control's change is stored in one transaction before it is
 * applied in memory and acknowledged.
 */
export class SessionService {
  readonly #deps: SessionServiceDeps;
  readonly #now: () => number;
  /** New participants are stored like answers: many per commit under load, each acked after it. */
  readonly #newParticipants: GroupCommit<NewParticipant, ParticipantRecord | null>;

  constructor(deps: SessionServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#newParticipants = new GroupCommit((entries) => deps.storage.participants.createBatch(entries), undefined, deps.observeCommit);
  }

  /** Resolves once every participant joined so far is stored (or failed): nothing of them is left to write. */
  written(): Promise<void> {
    return this.#newParticipants.written();
  }

  /** A new session: from a template, from an imported agenda (checked already), or empty. */
  async create(input: {
    title: string;
    template?: string | undefined;
    agenda?: Activity[] | undefined;
    ownerAccountId?: string | null;
    seriesId?: string | null;
    agencies?: string[];
    namesInReports?: boolean;
    locale?: Locale | undefined;
  }): Promise<CreatedSession> {
    let agenda: Activity[] = input.agenda ?? [];
    if (input.template !== undefined) {
      const template = await this.#deps.templates.get(input.template);
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
      locale: input.locale ?? DEFAULT_LOCALE,
    };
    // Codes are unique among open sessions (a unique index); a collision just draws again.
    for (let attempt = 0; ; attempt++) {
      const code = generateJoinCode(randomInt);
      try {
        await this.#deps.storage.sessions.create({ ...base, code }, agenda);
        return { id, code, facilitatorToken, ...this.#links(id, code, facilitatorToken) };
      } catch (error) {
        if (!(error instanceof CodeTakenError) || attempt >= 20) throw error;
      }
    }
  }

  #links(id: string, code: string, facilitatorToken: string) {
    const base = this.#deps.publicUrl();
    // Secrets ride in the fragment: browsers never send it to a server or in a Referer.
    return {
      joinUrl: this.#joinUrl(id, code, { withKey: true }),
      presenterUrl: `${base}/present/${id}#token=${facilitatorToken}`,
      facilitatorUrl: `${base}/facilitate/${id}#token=${facilitatorToken}`,
    };
  }

  /** Whether token is this session's facilitator secret. Unknown sessions simply do not match. */
  async isFacilitator(sessionId: string, token: string): Promise<boolean> {
    const { sessions } = this.#deps.storage;
    const record = await sessions.findById(sessionId);
    if (record === null) return false;
    return secretMatches(token, record.facilitatorTokenHash) || (await sessions.hasFacilitatorLink(sessionId, hashSecret(token)));
  }

  /**
   * A new console link for a signed-in owner or administrator: the first secret is only in its
   * creator's link (stored as a hash), so opening a past session from the workspace makes another.
   */
  async newFacilitatorLink(
    sessionId: string,
    accountId: string,
    tx: Pick<Storage, 'sessions'> = this.#deps.storage,
  ): Promise<CreatedSession> {
    const state = this.#deps.store.get(sessionId);
    const facilitatorToken = newSecret(32);
    await tx.sessions.addFacilitatorLink(sessionId, hashSecret(facilitatorToken), accountId, this.#now());
    return { id: sessionId, code: state.code, facilitatorToken, ...this.#links(sessionId, state.code, facilitatorToken) };
  }

  /** The open session behind a join code; tells a closed code from an unknown one. */
  async findByCode(code: string): Promise<JoinTarget> {
    const { sessions } = this.#deps.storage;
    const open = await sessions.findOpenByCode(code);
    if (open) return { sessionId: open.id, title: open.title, createdAt: open.createdAt, locale: open.locale, agencies: open.agencies };
    if (await sessions.findLatestByCode(code)) throw closed();
    throw sessionNotFound();
  }

  /**
   * What a client showed beside the code of this open session (see JoinProof): the participant
   * token of one of its participants, or the key of its link, vouch for it; a key of any other
   * session is wrong. A token that is unknown, or another session's, is as good as none.
   */
  async joinProof(sessionId: string, shown: { joinKey?: string | undefined; participantToken?: string | undefined }): Promise<JoinProof> {
    if (
      shown.participantToken &&
      (await this.#deps.storage.participants.findByTokenHash(hashSecret(shown.participantToken)))?.sessionId === sessionId
    )
      return 'vouched';
    if (shown.joinKey === undefined) return 'typed';
    return this.#deps.joinKeys.matches(sessionId, shown.joinKey) ? 'vouched' : 'wrong-key';
  }

  /**
   * The session a join goes into: the open one behind the code or, for a participant of a closed
   * session with that code who brings their token, that session, read-only (to see what they
   * may see of it). Anyone else gets SESSION_CLOSED or SESSION_NOT_FOUND, as from findByCode.
   */
  async findForJoin(input: {
    code: string;
    participantToken?: string | undefined;
  }): Promise<JoinTarget & { closedFor: ParticipantRecord | null }> {
    try {
      return { ...(await this.findByCode(input.code)), closedFor: null };
    } catch (error) {
      const known = error instanceof AppError && error.code === 'SESSION_CLOSED' ? await this.#participantOfClosed(input) : null;
      if (!known) throw error;
      return { ...known.target, closedFor: known.participant };
    }
  }

  async #participantOfClosed(input: { code: string; participantToken?: string | undefined }) {
    if (!input.participantToken) return null;
    const { sessions, participants } = this.#deps.storage;
    const participant = await participants.findByTokenHash(hashSecret(input.participantToken));
    const session = participant ? await sessions.findById(participant.sessionId) : null;
    if (!participant || !session || session.code !== input.code || session.status !== 'closed') return null;
    const { title, createdAt, locale, agencies } = session;
    return { participant, target: { sessionId: session.id, title, createdAt, locale, agencies } };
  }

  /**
   * Joins by code. A known participant token brings back the same participant (with their
   * answers); an unknown one, or none, makes a new anonymous participant with a new token.
   */
  async join(input: {
    code: string;
    participantToken?: string | undefined;
    displayName?: string | undefined;
    agency?: string | null | undefined;
  }): Promise<JoinResult & { participantId: string; sessionId: string; readOnly: boolean }> {
    const { sessionId, closedFor, agencies } = await this.findForJoin(input);
    if (closedFor && input.participantToken) {
      // A closed session changes no more: no rename, no sala, no count; just what they may see.
      const snapshot = await this.participantSnapshot(sessionId, closedFor.id);
      return { participantToken: input.participantToken, participantId: closedFor.id, sessionId, snapshot, readOnly: true };
    }
    if (input.agency !== undefined) assertAgencyOf(agencies, input.agency);
    // Loaded before the insert, so the count it reads from storage does not include this one.
    const state = await this.#deps.store.open(sessionId);
    const displayName = input.displayName?.trim() || null;
    const { participants } = this.#deps.storage;
    const known = input.participantToken ? await participants.findByTokenHash(hashSecret(input.participantToken)) : null;

    if (known && known.sessionId === sessionId && input.participantToken) {
      const renamed = input.displayName !== undefined && displayName !== known.displayName;
      if (renamed) await participants.rename(known.id, displayName);
      if (input.agency !== undefined && input.agency !== known.agency) await participants.setAgency(known.id, input.agency);
      // Someone coming back keeps their sala; one who missed the forming of salas gets one now.
      await this.#deps.breakouts.participantJoined(sessionId, renamed ? { ...known, displayName } : known);
      return {
        participantToken: input.participantToken,
        participantId: known.id,
        sessionId,
        snapshot: await this.participantSnapshot(sessionId, known.id),
        readOnly: false,
      };
    }

    const participantToken = newSecret(24);
    const created = await this.#newParticipants.add({
      id: nanoid(),
      sessionId,
      displayName,
      agency: input.agency ?? null,
      joinedAt: this.#now(),
      tokenHash: hashSecret(participantToken),
    });
    if (!created) throw sessionNotFound();
    state.participantJoined();
    await this.#deps.breakouts.participantJoined(sessionId, created);
    this.#deps.publisher.liveChanged(sessionId);
    return {
      participantToken,
      participantId: created.id,
      sessionId,
      snapshot: await this.participantSnapshot(sessionId, created.id),
      readOnly: false,
    };
  }

  /** Changes the agency a participant said (null: not said); one of the session's, else VALIDATION_FAILED. */
  async setAgency(sessionId: string, participantId: string, agency: string | null): Promise<ParticipantSnapshot> {
    const { sessions, participants } = this.#deps.storage;
    const session = await sessions.findById(sessionId);
    if (!session || session.status !== 'open') throw closed();
    assertAgencyOf(session.agencies, agency);
    await participants.setAgency(participantId, agency);
    return this.participantSnapshot(sessionId, participantId);
  }

  #view(state: SessionState, audience: FacilitatorScreen | 'participant'): SessionView {
    return {
      id: state.id,
      code: state.code,
      title: state.title,
      createdAt: state.createdAt,
      locale: state.locale,
      agenda: state.agendaFor(audience),
      live: state.live(),
      joinUrl: this.#joinUrl(state.id, state.code, { withKey: audience !== 'participant' }),
    };
  }

  /**
   * The join link: with the key for the facilitator's screens (link, QR), the bare code for
   * participants, who are in already and need not pass the key on.
   */
  #joinUrl(sessionId: string, code: string, { withKey }: { withKey: boolean }): string {
    const url = `${this.#deps.publicUrl()}/j/${code}`;
    return withKey ? `${url}#k=${this.#deps.joinKeys.keyOf(sessionId)}` : url;
  }

  /** Saves the session's agenda as a template to start later sessions from. */
  async saveAsTemplate(sessionId: string, title: string): Promise<TemplateSummary> {
    const state = await this.#deps.store.open(sessionId);
    return this.#deps.templates.saveFrom(title, state.agenda, sessionId, this.#now());
  }

  /** The agenda as versioned JSON, ready to import into a new session. */
  async agendaDocument(sessionId: string): Promise<AgendaDocument> {
    const state = await this.#deps.store.open(sessionId);
    return toAgendaDocument(state.title, state.agenda);
  }

  /** The agenda as this screen may receive it (presenter notes: see SessionState.agendaFor). */
  agendaFor(sessionId: string, screen: FacilitatorScreen): Activity[] {
    return this.#deps.store.get(sessionId).agendaFor(screen);
  }

  /** Everything a facilitator screen shows; the presenter screen's agenda has notes only when asked for. */
  facilitatorSnapshot(sessionId: string, screen: FacilitatorScreen = 'console'): SessionSnapshot {
    const state = this.#deps.store.get(sessionId);
    return {
      session: this.#view(state, screen),
      results: state.allResults(),
      breakouts: this.#deps.breakouts.views(sessionId),
      syntheses: this.#deps.syntheses.views(sessionId, { role: 'facilitator' }),
      turns: this.#deps.turns.views(sessionId, { role: 'facilitator' }),
      qa: this.#deps.qa.boards(sessionId, 'facilitator'),
    };
  }

  async participantSnapshot(sessionId: string, participantId: string): Promise<ParticipantSnapshot> {
    const state = await this.#deps.store.open(sessionId);
    const participant = await this.#deps.storage.participants.findById(participantId);
    const agencies = (await this.#deps.storage.sessions.findById(sessionId))?.agencies ?? [];
    return {
      session: this.#view(state, 'participant'),
      results: state.publicResults(),
      breakouts: this.#deps.breakouts.views(sessionId),
      syntheses: this.#deps.syntheses.views(sessionId, { role: 'participant', participantId }),
      turns: this.#deps.turns.views(sessionId, { role: 'participant', participantId }),
      qa: this.#deps.qa.boards(sessionId, 'participant'),
      myQa: this.#deps.qa.mine(sessionId, participantId),
      participantId,
      displayName: participant?.displayName ?? null,
      agency: participant?.agency ?? null,
      agencies,
      myAnswers: state.answersOf(participantId),
    };
  }

  /** Shows an activity (null: the join screen), opening a question on first arrival. */
  goto(sessionId: string, activityId: string | null): Promise<LiveState> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      await this.#commit(state, state.goto(activityId));
      this.#deps.publisher.liveChanged(sessionId);
      if (activityId) this.#deps.publisher.resultsChanged(sessionId, activityId);
      return state.live();
    });
  }

  step(sessionId: string, direction: 'next' | 'previous'): Promise<LiveState> {
    return this.#deps.store.exclusive(sessionId, (state) => {
      state.assertOpen();
      return this.goto(sessionId, stepFrom(state.agenda, state.currentActivityId, direction));
    });
  }

  setAnswering(sessionId: string, activityId: string, open: boolean): Promise<LiveState> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      await this.#commit(state, state.setAnswering(activityId, open));
      this.#deps.publisher.liveChanged(sessionId);
      return state.live();
    });
  }

  /** Whether a question's answering stays open when the facilitator moves on from it. */
  setKeepOpen(sessionId: string, activityId: string, keepOpen: boolean): Promise<LiveState> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      await this.#commit(state, state.setKeepOpen(activityId, keepOpen));
      this.#deps.publisher.liveChanged(sessionId);
      return state.live();
    });
  }

  /** Hides an open answer from every screen (moderation), or shows it again; it is kept. */
  hideAnswer(sessionId: string, activityId: string, answerId: string, hidden: boolean): Promise<ActivityResults> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      await this.#commit(state, state.hideAnswer(activityId, answerId, hidden));
      this.#deps.publisher.resultsChanged(sessionId, activityId);
      return state.results(activityId)!;
    });
  }

  setDisplay(sessionId: string, display: DisplaySetPayload): Promise<LiveState> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      const notesBefore = state.presenterNotes;
      await this.#commit(state, state.setDisplay(display));
      this.#deps.publisher.liveChanged(sessionId);
      // The presenter screen gets the agenda again, with or without the notes now.
      if (state.presenterNotes !== notesBefore) this.#deps.publisher.agendaChanged(sessionId);
      // Participants receive the current results only while they are shown.
      if (state.currentActivityId && state.resultsVisible) this.#deps.publisher.resultsChanged(sessionId, state.currentActivityId);
      return state.live();
    });
  }

  close(sessionId: string): Promise<LiveState> {
    return this.#deps.store.exclusive(sessionId, async (state) => {
      await this.#commit(state, state.close());
      this.#deps.publisher.liveChanged(sessionId);
      return state.live();
    });
  }

  #commit(state: SessionState, change: SessionChange): Promise<void> {
    return this.#deps.store.commit(state, change, this.#now());
  }
}
