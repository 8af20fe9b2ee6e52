import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import { RateLimiter } from './rate-limiter.ts';

const HOUR_MS = 3_600_000;
/** How long an address counts as already in a session it joined (longer than any workshop). */
const JOINED_MEMORY_MS = 12 * HOUR_MS;
/** Most (address, session) pairs remembered; past it (a flood) all are forgotten: only the exception is lost. */
const JOINED_MAX = 100_000;
const EVERYONE = '*';

const limited = () =>
  new AppError('RATE_LIMITED', 'Se han probado demasiados códigos que no existen. Espera unos minutos y vuelve a intentarlo.');

/** The answer to a code that opens no session: the only answer that tells a guesser "not this one". */
const isMiss = (error: unknown) => error instanceof AppError && error.code === 'SESSION_NOT_FOUND';

/**
 * What a client address is, for limits: an IPv4 address as it is (also when written IPv6-mapped,
 * `::ffff:203.0.113.7`), an IPv6 address by its /64 prefix, since one subscriber usually holds a
 * whole /64 and could otherwise take a new address for every guess.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (!plain.includes(':')) return plain;
  const [head = '', tail] = plain.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/**
 * The limits on guessing join codes. Only misses (a code that opens no session) are charged, per
 * client address and for everyone together, so a room joining with the right code — 10,000 phones,
 * or a whole agency behind one address — never spends them. Once either budget is spent, codes
 * are refused whatever they are (a hit let through would tell the guesser it hit), except the code
 * of a session someone from the same address has joined: no guess there.
 */
export class JoinGuesses {
  readonly #perAddress: RateLimiter;
  readonly #everyone: RateLimiter;
  /** "address key session id" → when someone from that address last joined that session. */
  readonly #joined = new Map<string, number>();
  #forgotAt = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.#perAddress = new RateLimiter(LIMITS.joinMissesPerAddressPerHour, HOUR_MS, now);
    this.#everyone = new RateLimiter(LIMITS.joinMissesBurst, (LIMITS.joinMissesBurst * HOUR_MS) / LIMITS.joinMissesPerHour, now);
  }

  /**
   * Looks a code up for a client within the limits: `find` returns its open session or throws
   * (SESSION_NOT_FOUND for a miss, which is charged and reported to `onMiss`; SESSION_CLOSED names
   * no open session, so it is no guess and is never charged). Throws RATE_LIMITED once a budget is spent.
   */
  check<T extends { sessionId: string }>(address: string, find: () => T, onMiss: () => void = () => {}): T {
    const key = addressKey(address);
    let found: T;
    try {
      found = find();
    } catch (error) {
      if (!isMiss(error)) throw error;
      if (!this.#hasBudget(key)) throw limited();
      this.#perAddress.take(key);
      this.#everyone.take(EVERYONE);
      onMiss();
      throw error;
    }
    if (!this.#hasBudget(key) && !this.#hasJoined(key, found.sessionId)) throw limited();
    return found;
  }

  /** Someone from address joined the session: others from there may join it whatever the budgets. */
  joined(address: string, sessionId: string): void {
    const now = this.now();
    this.#joined.set(`${addressKey(address)} ${sessionId}`, now);
    if (now - this.#forgotAt >= HOUR_MS) this.#forgetOld(now);
    if (this.#joined.size > JOINED_MAX) this.#joined.clear();
  }

  #hasBudget(key: string): boolean {
    return this.#perAddress.has(key) && this.#everyone.has(EVERYONE);
  }

  #hasJoined(key: string, sessionId: string): boolean {
    const at = this.#joined.get(`${key} ${sessionId}`);
    return at !== undefined && this.now() - at < JOINED_MEMORY_MS;
  }

  #forgetOld(now: number): void {
    this.#forgotAt = now;
    for (const [pair, at] of this.#joined) if (now - at >= JOINED_MEMORY_MS) this.#joined.delete(pair);
  }
}
