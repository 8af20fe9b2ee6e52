import { PUBLISH_INTERVAL_MS } from '../../shared/limits.ts';
import type { BreakoutView, LiveState, SalaTurnsView, SynthesisView } from '../../shared/types.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { Publisher } from '../services/publisher.ts';
import type { QaService } from '../services/qa-service.ts';
import { rooms } from './rooms.ts';
import type { RealtimeServer } from './types.ts';

interface Pending {
  live: boolean;
  activities: Set<string>;
  breakouts: Set<string>;
  syntheses: Set<string>;
  /** Salas whose turns changed, as "activityId salaId". */
  turns: Set<string>;
  /** Q&A activities whose questions changed, and the askers to tell, as "activityId participantId". */
  qa: Set<string>;
  qaAskers: Set<string>;
  agenda: boolean;
  /** Cancels the scheduled flush; null when none is scheduled. */
  cancel: (() => void) | null;
  lastFlushAt: number;
  participants: ParticipantsPending;
}

/** What participants have not been sent yet (they are sent less often than facilitators). */
interface ParticipantsPending {
  live: boolean;
  results: Set<string>;
  /** Q&A activities whose shown questions changed. */
  qa: Set<string>;
  /** Their own flush, when what is pending must wait for their interval; null when none. */
  timer: NodeJS.Timeout | null;
  lastFlushAt: number;
  /** The last live state participants got, participant count left out: to tell what they see changing. */
  lastSeen: string | null;
}

/** What the publisher reads of the Q&A service when it sends. */
export type QaViews = Pick<QaService, 'board' | 'mineOf'>;

/**
 * How often participants' phones may receive a tally or a new participant count, at most. A
 * broadcast to every phone costs the server ~15–20 µs per recipient, so at 10,000 phones even one
 * a second is a sixth of a core; what they see changing (the question, answering, results shown,
 * blank, the session closed) still goes at once.
 */
export const PARTICIPANT_PUBLISH_INTERVAL_MS = 1_000;

/**
 * Publishes session changes over Socket.IO, coalesced per session: the first change after a
 * quiet spell goes out at the end of the current turn (leading edge), later ones wait for the
 * interval, so a burst of answers costs at most one message per interval whatever the rate.
 * Facilitators' screens get every interval (100 ms); participants get tallies and participant
 * counts at most once per PARTICIPANT_PUBLISH_INTERVAL_MS, and anything else at once.
 */
export class SocketPublisher implements Publisher {
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly io: RealtimeServer,
    private readonly stateOf: (sessionId: string) => SessionState,
    private readonly breakoutOf: (sessionId: string, activityId: string) => BreakoutView,
    private readonly synthesisAudiences: (
      sessionId: string,
      activityId: string,
    ) => { facilitators: SynthesisView; salas: Array<{ participantIds: string[]; view: SynthesisView }> },
    private readonly turnsAudience: (
      sessionId: string,
      activityId: string,
      salaId: string,
    ) => { view: SalaTurnsView; participantIds: string[] } | null,
    private readonly qaOf: QaViews,
    private readonly intervalMs: number = PUBLISH_INTERVAL_MS,
    private readonly participantIntervalMs: number = PARTICIPANT_PUBLISH_INTERVAL_MS,
  ) {}

  liveChanged(sessionId: string): void {
    this.#entry(sessionId).live = true;
    this.#schedule(sessionId);
  }

  resultsChanged(sessionId: string, activityId: string): void {
    this.#entry(sessionId).activities.add(activityId);
    this.#schedule(sessionId);
  }

  agendaChanged(sessionId: string): void {
    this.#entry(sessionId).agenda = true;
    this.#schedule(sessionId);
  }

  breakoutChanged(sessionId: string, activityId: string): void {
    this.#entry(sessionId).breakouts.add(activityId);
    this.#schedule(sessionId);
  }

  synthesisChanged(sessionId: string, activityId: string): void {
    this.#entry(sessionId).syntheses.add(activityId);
    this.#schedule(sessionId);
  }

  turnsChanged(sessionId: string, activityId: string, salaId: string): void {
    this.#entry(sessionId).turns.add(`${activityId} ${salaId}`);
    this.#schedule(sessionId);
  }

  qaChanged(sessionId: string, activityId: string, askerId: string | null): void {
    const entry = this.#entry(sessionId);
    entry.qa.add(activityId);
    if (askerId !== null) entry.qaAskers.add(`${activityId} ${askerId}`);
    this.#schedule(sessionId);
  }

  /**
   * Drops what is pending for a session this node no longer holds (in a cluster, let go or lost:
   * its sockets are gone): a flush would find it missing from memory.
   */
  forget(sessionId: string): void {
    const entry = this.#pending.get(sessionId);
    if (entry) this.#clear(entry);
    this.#pending.delete(sessionId);
  }

  sessionRemoved(sessionId: string, finalLive: LiveState): void {
    this.forget(sessionId);
    this.io.to(rooms.session(sessionId)).emit('session:live', finalLive);
    this.io.in(rooms.session(sessionId)).disconnectSockets(true);
  }

  /** Stops pending timers (at shutdown). */
  close(): void {
    for (const entry of this.#pending.values()) this.#clear(entry);
    this.#pending.clear();
  }

  #entry(sessionId: string): Pending {
    let entry = this.#pending.get(sessionId);
    if (!entry) {
      entry = {
        live: false,
        activities: new Set(),
        breakouts: new Set(),
        syntheses: new Set(),
        turns: new Set(),
        qa: new Set(),
        qaAskers: new Set(),
        agenda: false,
        cancel: null,
        lastFlushAt: 0,
        participants: { live: false, results: new Set(), qa: new Set(), timer: null, lastFlushAt: 0, lastSeen: null },
      };
      this.#pending.set(sessionId, entry);
    }
    return entry;
  }

  #schedule(sessionId: string): void {
    const entry = this.#entry(sessionId);
    if (entry.cancel) return;
    const wait = entry.lastFlushAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.#flush(sessionId));
      entry.cancel = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => this.#flush(sessionId), wait);
      entry.cancel = () => clearTimeout(timeout);
    }
  }

  #clear(entry: Pending): void {
    entry.cancel?.();
    entry.cancel = null;
    if (entry.participants.timer) clearTimeout(entry.participants.timer);
    entry.participants.timer = null;
  }

  #flush(sessionId: string): void {
    const entry = this.#pending.get(sessionId);
    if (!entry) return;
    entry.cancel = null;
    entry.lastFlushAt = Date.now();
    const state = this.stateOf(sessionId);
    // The agenda first: the live state and results that follow may name its new activities.
    if (entry.agenda) this.#publishAgenda(sessionId, state);
    entry.agenda = false;
    const participants = entry.participants;
    if (entry.live) {
      this.io.to(rooms.facilitators(sessionId)).emit('session:live', state.live());
      participants.live = true;
    }
    for (const activityId of entry.activities) {
      const results = state.results(activityId);
      if (!results) continue;
      this.io.to(rooms.facilitators(sessionId)).emit('results:updated', { activityId, results });
      if (state.resultsPublicFor(activityId)) participants.results.add(activityId);
    }
    this.#flushQa(sessionId, entry);
    this.#flushParticipants(sessionId, state, participants);
    for (const activityId of entry.breakouts) {
      this.io.to(rooms.session(sessionId)).emit('breakout:updated', this.breakoutOf(sessionId, activityId));
    }
    entry.breakouts.clear();
    // Each sala's members get their own sala's text; facilitators get every sala's.
    for (const activityId of entry.syntheses) {
      const { facilitators, salas } = this.synthesisAudiences(sessionId, activityId);
      this.io.to(rooms.facilitators(sessionId)).emit('synthesis:updated', facilitators);
      for (const sala of salas) {
        if (sala.participantIds.length > 0) this.io.to(sala.participantIds.map(rooms.participant)).emit('synthesis:updated', sala.view);
      }
    }
    entry.syntheses.clear();
    // A sala's turns go to its members only (and to facilitators): other salas have no use for them.
    for (const key of entry.turns) {
      const [activityId = '', salaId = ''] = key.split(' ');
      const audience = this.turnsAudience(sessionId, activityId, salaId);
      if (!audience) continue;
      this.io.to(rooms.facilitators(sessionId)).emit('turns:updated', audience.view);
      if (audience.participantIds.length > 0)
        this.io.to(audience.participantIds.map(rooms.participant)).emit('turns:updated', audience.view);
    }
    entry.turns.clear();
    entry.live = false;
    entry.activities.clear();
  }

  /** Q&A boards to facilitators now (phones get theirs at their own pace); an asker's own view to them alone. */
  #flushQa(sessionId: string, entry: Pending): void {
    for (const activityId of entry.qa) {
      this.io.to(rooms.facilitators(sessionId)).emit('qa:updated', this.qaOf.board(sessionId, activityId, 'facilitator'));
      entry.participants.qa.add(activityId);
    }
    for (const key of entry.qaAskers) {
      const [activityId = '', participantId = ''] = key.split(' ');
      this.io.to(rooms.participant(participantId)).emit('qa:mine', this.qaOf.mineOf(sessionId, activityId, participantId));
    }
    entry.qa.clear();
    entry.qaAskers.clear();
  }

  /**
   * The agenda with its presenter notes to the screens that receive them (consoles; the
   * presenter screen when asked), and without them to everyone else in the session.
   */
  #publishAgenda(sessionId: string, state: SessionState): void {
    const noted = state.presenterNotes ? [rooms.consoles(sessionId), rooms.presenters(sessionId)] : [rooms.consoles(sessionId)];
    this.io.to(noted).emit('agenda:updated', { agenda: state.agendaFor('console') });
    this.io
      .to(rooms.session(sessionId))
      .except(noted)
      .emit('agenda:updated', { agenda: state.agendaFor('participant') });
  }

  /**
   * Sends participants what is pending for them if what they see changed, or if their interval
   * has passed; otherwise it stays pending for a later flush. Results go only while shown.
   */
  #flushParticipants(sessionId: string, state: SessionState, pending: ParticipantsPending): void {
    if (!pending.live && pending.results.size === 0 && pending.qa.size === 0) return;
    const now = Date.now();
    const live = pending.live ? state.live() : null;
    const seen = live ? JSON.stringify({ ...live, participantCount: 0 }) : pending.lastSeen;
    const wait = pending.lastFlushAt + this.participantIntervalMs - now;
    if (seen === pending.lastSeen && wait > 0) {
      pending.timer ??= setTimeout(() => {
        pending.timer = null;
        this.#flushParticipants(sessionId, this.stateOf(sessionId), pending);
      }, wait);
      return;
    }
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = null;
    if (live) this.io.to(rooms.participants(sessionId)).emit('session:live', live);
    for (const activityId of pending.results) {
      if (!state.resultsPublicFor(activityId)) continue;
      const results = state.publicResultsOf(activityId);
      if (results) this.io.to(rooms.participants(sessionId)).emit('results:updated', { activityId, results });
    }
    for (const activityId of pending.qa) {
      this.io.to(rooms.participants(sessionId)).emit('qa:updated', this.qaOf.board(sessionId, activityId, 'participant'));
    }
    pending.live = false;
    pending.results.clear();
    pending.qa.clear();
    pending.lastSeen = seen;
    pending.lastFlushAt = now;
  }
}
