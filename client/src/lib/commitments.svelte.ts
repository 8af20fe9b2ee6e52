/**
 * Commitments on the client. `CommitmentTallies` holds the counts every screen may show (fed
 * by `commitment:tally` events and asked for when an activity appears). `CommitmentPhone` is a
 * participant's own side: the commitment they wrote, kept in localStorage so it shows again
 * after a reload, with its short code; this browser's commitment key, kept across sessions; and
 * at a follow-up, their commitment found again (by that key, or by the code they type) and their answer.
 */
import type { CommitmentFound, CommitmentOutcome, CommitmentProof, CommitmentTally } from '../../../shared/commitment.ts';
import type { EmitArgs } from '../../../shared/events.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import { newId } from './ids.ts';
import type { CommandResult } from './live-connection.svelte.ts';
import { readJson, readString, storageKeys, writeJson, writeString } from './storage.ts';

type CommitmentEvent = 'commitment:write' | 'commitment:find' | 'commitment:review' | 'commitment:tally';

/** How the state classes reach the server: the screen's own command (a phone's waits for its join). */
export interface CommitmentPort {
  command: <E extends CommitmentEvent>(event: E, ...payload: EmitArgs<E>) => Promise<CommandResult<E>>;
}

/** The counts of commitment activities, for any screen of the session. */
export class CommitmentTallies {
  readonly #port: CommitmentPort;
  #tallies = $state.raw<Record<string, CommitmentTally>>({});

  constructor(port: CommitmentPort) {
    this.#port = port;
  }

  /** The counts last received for an activity, or null before any. */
  of = (activityId: string): CommitmentTally | null => this.#tallies[activityId] ?? null;

  /** A `commitment:tally` event, or an ack. */
  apply = (tally: CommitmentTally): void => {
    this.#tallies = { ...this.#tallies, [tally.activityId]: tally };
  };

  /** Asks for an activity's counts (when it comes on screen). */
  load = async (activityId: string): Promise<void> => {
    const result = await this.#port.command('commitment:tally', { activityId });
    if (result.ok) this.apply(result.data);
  };

  /** After a reconnect: the counts shown may have changed while events could not arrive. */
  reload = (): void => {
    for (const activityId of Object.keys(this.#tallies)) void this.load(activityId);
  };
}

/** What the phone keeps of a commitment it wrote. */
export interface KeptCommitment {
  text: string;
  /** The short code, as the server gave it on the first save (null if this phone never saw it). */
  code: string | null;
}

function isKept(value: unknown): value is KeptCommitment {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.text === 'string' && (record.code === null || typeof record.code === 'string');
}

/** Saving one's commitment: nothing yet, on its way, stored on the server, refused. */
export type WriteStatus = 'idle' | 'saving' | 'saved' | 'failed';

/** Finding one's commitment at a follow-up. */
export type FindState =
  | { status: 'idle' }
  | { status: 'looking' }
  | { status: 'found'; found: CommitmentFound }
  /** Not found with this browser's key (or it has none): the code form is shown. */
  | { status: 'ask-code'; error: UiErrorCode | null };

/** This browser's commitment key: made on the first commitment, kept across sessions. */
function commitmentKey(create: boolean): string | null {
  const stored = readString('local', storageKeys.commitmentKey);
  if (stored !== null && /^[A-Za-z0-9_-]{16,128}$/.test(stored)) return stored;
  if (!create) return null;
  const key = newId(32);
  writeString('local', storageKeys.commitmentKey, key);
  return key;
}

/** A participant's own commitments, on their phone. */
export class CommitmentPhone {
  readonly #port: CommitmentPort;
  readonly #sessionId: () => string | null;
  #kept = $state.raw<Record<string, KeptCommitment>>({});
  #writeStatus = $state.raw<Record<string, WriteStatus>>({});
  #writeError = $state.raw<Record<string, UiErrorCode | null>>({});
  #finds = $state.raw<Record<string, FindState>>({});
  #answerError = $state.raw<Record<string, UiErrorCode | null>>({});
  /** How each follow-up's commitment was found, to answer about it. */
  readonly #proofs = new Map<string, CommitmentProof>();

  constructor(port: CommitmentPort, sessionId: () => string | null) {
    this.#port = port;
    this.#sessionId = sessionId;
  }

  /** The commitment this phone wrote at an activity (kept across reloads), or null. */
  kept = (activityId: string): KeptCommitment | null => {
    const inMemory = this.#kept[activityId];
    if (inMemory) return inMemory;
    const sessionId = this.#sessionId();
    return sessionId ? readJson('local', storageKeys.commitment(sessionId, activityId), isKept) : null;
  };

  writeStatus = (activityId: string): WriteStatus => this.#writeStatus[activityId] ?? (this.kept(activityId) ? 'saved' : 'idle');
  writeError = (activityId: string): UiErrorCode | null => this.#writeError[activityId] ?? null;

  /** Saves one's commitment; kept on this phone once the server has it. */
  write = async (activityId: string, text: string): Promise<void> => {
    const sessionId = this.#sessionId();
    const key = commitmentKey(true);
    if (!sessionId || !key) return;
    this.#writeStatus = { ...this.#writeStatus, [activityId]: 'saving' };
    this.#writeError = { ...this.#writeError, [activityId]: null };
    const result = await this.#port.command('commitment:write', { activityId, text, key });
    if (!result.ok) {
      this.#writeStatus = { ...this.#writeStatus, [activityId]: 'failed' };
      this.#writeError = { ...this.#writeError, [activityId]: result.error.code };
      return;
    }
    const kept: KeptCommitment = { text: result.data.text, code: result.data.code ?? this.kept(activityId)?.code ?? null };
    writeJson('local', storageKeys.commitment(sessionId, activityId), kept);
    this.#kept = { ...this.#kept, [activityId]: kept };
    this.#writeStatus = { ...this.#writeStatus, [activityId]: 'saved' };
  };

  find = (activityId: string): FindState => this.#finds[activityId] ?? { status: 'idle' };
  answerError = (activityId: string): UiErrorCode | null => this.#answerError[activityId] ?? null;

  /**
   * At a follow-up: looks for one's commitment by the code this tab found it with before a
   * reload, else by this browser's key; with neither (or nothing found), asks for the code.
   */
  findOwn = async (activityId: string): Promise<void> => {
    const sessionId = this.#sessionId();
    const code = sessionId ? readString('session', storageKeys.commitmentCode(sessionId, activityId)) : null;
    const key = commitmentKey(false);
    const proof: CommitmentProof | null = code ? { code } : key ? { key } : null;
    if (!proof) return this.#setFind(activityId, { status: 'ask-code', error: null });
    await this.#look(activityId, proof, null);
  };

  /** At a follow-up: looks for one's commitment by the code typed. */
  findByCode = (activityId: string, code: string): Promise<void> => this.#look(activityId, { code }, 'show-error');

  /** Says whether one did it. */
  answer = async (activityId: string, outcome: CommitmentOutcome): Promise<void> => {
    const proof = this.#proofs.get(activityId);
    if (!proof) return;
    this.#answerError = { ...this.#answerError, [activityId]: null };
    const result = await this.#port.command('commitment:review', { activityId, proof, outcome });
    if (result.ok) this.#setFind(activityId, { status: 'found', found: result.data });
    else this.#answerError = { ...this.#answerError, [activityId]: result.error.code };
  };

  #look = async (activityId: string, proof: CommitmentProof, errors: 'show-error' | null): Promise<void> => {
    this.#setFind(activityId, { status: 'looking' });
    const result = await this.#port.command('commitment:find', { activityId, proof });
    if (result.ok) {
      this.#proofs.set(activityId, proof);
      const sessionId = this.#sessionId();
      if ('code' in proof && sessionId) writeString('session', storageKeys.commitmentCode(sessionId, activityId), proof.code);
      this.#setFind(activityId, { status: 'found', found: result.data });
    } else {
      this.#setFind(activityId, { status: 'ask-code', error: errors ? result.error.code : null });
    }
  };

  #setFind(activityId: string, state: FindState): void {
    this.#finds = { ...this.#finds, [activityId]: state };
  }
}
