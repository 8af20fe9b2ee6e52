import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../shared/errors.ts';
import type { Storage } from '../db/storage.ts';
import { SessionState, type SessionChange } from '../domain/session-state.ts';

type SessionStorage = Pick<Storage, 'sessions' | 'participants' | 'answers' | 'moderation' | 'transaction'>;

/**
 * A service's own memory of a session (breakouts, syntheses, turns, Q&A), loaded from storage
 * when the session is opened, so that its views stay synchronous reads of memory after that.
 * `load` keeps what is in memory already; the service forgets it itself.
 */
export interface SessionPart {
  load(sessionId: string): Promise<void>;
  forget(sessionId: string): void;
}

export interface SessionStoreOptions {
  /**
   * Called before a session is loaded: in a cluster, takes the session for this node, or throws
   * SESSION_MOVED when another node owns it (plugins/db.ts). Absent on one node.
   */
  claim?: (sessionId: string) => Promise<void>;
  /** Gives a claimed session up again: there was none to load (unknown, or deleted meanwhile). */
  release?: (sessionId: string) => Promise<void>;
}

/**
 * The sessions held in memory, one `SessionState` each, shared by every service that reads or
 * changes a session (so none of them needs another to reach it). A session is loaded from
 * storage by `open`, awaited at every entry point (a join, a facilitator's or presenter's
 * connection, an HTTP route, the CLI), and kept (in a cluster, until `release` lets an idle one
 * go): `get`, the rules and the answer path then read memory only, and a restart resumes from
 * what was stored. A change a control decides is
 * committed here: stored in one transaction, then applied in memory.
 */
export class SessionStore {
  readonly #storage: SessionStorage;
  readonly #states = new Map<string, SessionState>();
  /** Loads under way, shared by concurrent opens of one session. */
  readonly #loading = new Map<string, Promise<SessionState>>();
  /** Per session, the end of its queue of exclusive commands. */
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #parts: SessionPart[] = [];
  /** The sessions whose turn the running command holds. */
  readonly #held = new AsyncLocalStorage<Set<string>>();
  /** Sessions being let go (`release`): an open waits for it, then loads the session afresh. */
  readonly #releasing = new Map<string, Promise<void>>();

  readonly #claim: (sessionId: string) => Promise<void>;
  readonly #release: (sessionId: string) => Promise<void>;

  constructor(storage: SessionStorage, options: SessionStoreOptions = {}) {
    this.#storage = storage;
    this.#claim = options.claim ?? (() => Promise.resolve());
    this.#release = options.release ?? (() => Promise.resolve());
  }

  /** Loads this part of each session along with it, from now on. */
  attach(part: SessionPart): void {
    this.#parts.push(part);
  }

  /** The session, loaded from storage unless in memory already; SESSION_NOT_FOUND if there is none. */
  open(sessionId: string): Promise<SessionState> {
    const releasing = this.#releasing.get(sessionId);
    if (releasing) return releasing.then(() => this.open(sessionId));
    const held = this.#states.get(sessionId);
    if (held) return Promise.resolve(held);
    let loading = this.#loading.get(sessionId);
    if (!loading) {
      loading = this.#load(sessionId).finally(() => this.#loading.delete(sessionId));
      this.#loading.set(sessionId, loading);
    }
    return loading;
  }

  /** The session in memory, which an entry point opened; SESSION_NOT_FOUND if it is not held. */
  get(sessionId: string): SessionState {
    const state = this.#states.get(sessionId);
    if (!state) throw notFound();
    return state;
  }

  /** Whether the session is in memory here (on a cluster's node: this node owns it). */
  holds(sessionId: string): boolean {
    return this.#states.has(sessionId);
  }

  /**
   * Loads the session again from storage and swaps it in once loaded (what changed beside the
   * rules: details, a restored activity's answers); meanwhile the one in memory keeps serving.
   */
  reload(sessionId: string): Promise<SessionState> {
    return this.#load(sessionId);
  }

  /** Forgets the session in memory (it was deleted): the next open loads it again from storage. */
  forget(sessionId: string): void {
    this.#states.delete(sessionId);
  }

  /**
   * Forgets the session and every service's part of it: this node no longer owns it (its
   * ownership was lost), so whatever it held may be stale when the session comes back.
   */
  drop(sessionId: string): void {
    this.forget(sessionId);
    for (const part of this.#parts) part.forget(sessionId);
  }

  /**
   * Runs a command that reads the session and then writes, alone among this session's commands.
   * Storage is awaited between a command's checks and its commit, so without this two commands
   * (two facilitator tabs, a facilitator and a sala's reporter) could both pass a check against
   * the same state and both commit. A command run from inside another of the same session runs
   * at once (it holds the turn already). The answer path stays out of it: answers are checked
   * and counted in memory, synchronously, and stored by group commit.
   */
  exclusive<T>(sessionId: string, command: (state: SessionState) => Promise<T>): Promise<T> {
    if (this.#held.getStore()?.has(sessionId)) return this.open(sessionId).then(command);
    return this.#turn(sessionId, async () => command(await this.open(sessionId)));
  }

  /**
   * Lets the session go from memory, in its turn among its commands (so no command and no HTTP
   * route sees half of it): once `ready` says it may go, every service forgets it and `letGo`
   * runs (in a cluster, the node gives up its lock); an open meanwhile waits, then loads it
   * afresh. Resolves whether it went: not when it was not in memory or `ready` said no.
   */
  release(sessionId: string, ready: () => Promise<boolean>, letGo: () => Promise<void>): Promise<boolean> {
    return this.#turn(sessionId, async () => {
      if (!this.#states.has(sessionId) || !(await ready())) return false;
      let gone = () => {};
      this.#releasing.set(sessionId, new Promise<void>((resolve) => (gone = resolve)));
      try {
        this.drop(sessionId);
        await letGo();
      } finally {
        this.#releasing.delete(sessionId);
        gone();
      }
      return true;
    });
  }

  /** Runs `run` once the session's earlier commands have settled, holding its turn. */
  #turn<T>(sessionId: string, run: () => Promise<T>): Promise<T> {
    const inside = new Set(this.#held.getStore()).add(sessionId);
    const result = (this.#tails.get(sessionId) ?? Promise.resolve()).then(() => this.#held.run(inside, run));
    const tail = result.catch(() => {});
    this.#tails.set(sessionId, tail);
    void tail.then(() => {
      if (this.#tails.get(sessionId) === tail) this.#tails.delete(sessionId);
    });
    return result;
  }

  /**
   * Stores what a control changes in one transaction, then applies it to the session in memory:
   * never the other way round, so a failed commit leaves both as they were.
   */
  async commit(state: SessionState, change: SessionChange, at: number): Promise<void> {
    await this.#storage.transaction(async ({ sessions, moderation }) => {
      if (change.agenda) await sessions.saveAgenda(state.id, change.agenda, at);
      for (const { activityId, status } of change.answering ?? []) await sessions.saveAnswering(state.id, activityId, status);
      if (change.keepOpen) await sessions.saveKeepOpen(state.id, change.keepOpen.activityId, change.keepOpen.keepOpen);
      for (const { activityId, event } of change.events ?? []) await sessions.recordEvent(state.id, activityId, event, at);
      if (change.moderation) await moderation.setHidden(change.moderation.activityId, change.moderation.answerId, change.moderation.hidden);
      if (change.live) await sessions.saveLive(state.id, change.live);
      if (change.closed) await sessions.close(state.id, at);
    });
    state.apply(change);
  }

  async #load(sessionId: string): Promise<SessionState> {
    await this.#claim(sessionId);
    const { sessions, participants, answers, moderation } = this.#storage;
    const record = await sessions.findById(sessionId);
    if (!record) {
      // A phone of a deleted session coming back would otherwise keep its lock here for good.
      if (!this.#states.has(sessionId)) await this.#release(sessionId);
      throw notFound();
    }
    const [agenda, participantCount, stored, hiddenAnswers] = await Promise.all([
      sessions.agenda(sessionId),
      participants.countInSession(sessionId),
      answers.forSession(sessionId),
      moderation.hiddenForSession(sessionId),
    ]);
    const state = new SessionState({ ...record, agenda, participantCount, answers: stored, hiddenAnswers });
    await Promise.all(this.#parts.map((part) => part.load(sessionId)));
    this.#states.set(sessionId, state);
    return state;
  }
}

const notFound = () => new AppError('SESSION_NOT_FOUND', 'La sesión no existe.');
