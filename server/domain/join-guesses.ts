import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import { RateLimiter } from './rate-limiter.ts';

const HOUR_MS = 3_600_000;
/** How long an address counts as already in a session it joined (longer than any workshop). */
const JOINED_MEMORY_MS = 12 * HOUR_MS;
/** Most (address, session) pairs remembered; past it (a flood) all are forgotten: only the exception is lost. */
const JOINED_MAX = 100_000;
const EVERYONE = '*';

/** The answer to a code that opens no session: the only answer that tells a guesser "not this one". */
export const sessionNotFound = () => new AppError('SESSION_NOT_FOUND', 'No hay ninguna sesión abierta con ese código.');

/** A code refused unchecked because a budget is spent: a link or QR (which carry a key) still gets in. */
const needsLink = () =>
  new AppError(
    'JOIN_NEEDS_LINK',
    'En este momento no se puede entrar escribiendo el código. Escanea el código QR o abre el enlace de la sesión.',
  );
const connectionSpent = () =>
  new AppError(
    'RATE_LIMITED',
    'Demasiados códigos equivocados en esta conexión: se cerrará. Revisa el código con quien facilita y vuelve a entrar.',
  );

const isMiss = (error: unknown) => error instanceof AppError && error.code === 'SESSION_NOT_FOUND';

/**
 * What a client showed beside a code, judged against the open session behind it. `vouched`: the
 * key of that session's link or QR, or the participant token of someone in it — nothing a guesser
 * can make (2^96 keys, 2^192 tokens), so no guess. `wrong-key`: a key that is not that session's,
 * a miss like a wrong code (or a key would tell a guesser which codes are open). `typed`: neither.
 */
export type JoinProof = 'vouched' | 'wrong-key' | 'typed';

export interface JoinCheckOptions<T> {
  /** Judges what the client showed for the session found; a typed code when left out. */
  proof?: (found: T) => JoinProof;
  /** The client's connection has made its misses: it gets no further tries but vouched ones. */
  connectionSpent?: boolean;
  /** Told of each charged miss (for the limit per connection). */
  onMiss?: () => void;
}

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
 * or a whole agency behind one address — never spends them. Once either budget is spent, typed
 * codes are refused whatever they are (a hit let through would tell the guesser it hit), except
 * the code of a session someone from the same address has joined: no guess there. A client
 * vouched for (the link's key, a participant's token) is never charged nor refused.
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
   * no open session, so it is no guess and is never charged). Throws JOIN_NEEDS_LINK once a budget
   * is spent, RATE_LIMITED once the connection's are.
   */
  check<T extends { sessionId: string }>(address: string, find: () => T, options: JoinCheckOptions<T> = {}): T {
    const key = addressKey(address);
    let found: T;
    try {
      found = find();
    } catch (error) {
      if (isMiss(error)) this.#miss(key, options);
      else if (options.connectionSpent) throw connectionSpent();
      throw error;
    }
    const proof = options.proof?.(found) ?? 'typed';
    if (proof === 'vouched') return found;
    if (proof === 'wrong-key') {
      this.#miss(key, options);
      throw sessionNotFound();
    }
    if (options.connectionSpent) throw connectionSpent();
    if (!this.#hasBudget(key) && !this.#hasJoined(key, found.sessionId)) throw needsLink();
    return found;
  }

  /** Someone from address joined the session: others from there may join it whatever the budgets. */
  joined(address: string, sessionId: string): void {
    const now = this.now();
    this.#joined.set(`${addressKey(address)} ${sessionId}`, now);
    if (now - this.#forgotAt >= HOUR_MS) this.#forgetOld(now);
    if (this.#joined.size > JOINED_MAX) this.#joined.clear();
  }

  /** Charges a miss, or refuses it unchecked (uncharged) when a budget is spent. */
  #miss(key: string, options: Omit<JoinCheckOptions<unknown>, 'proof'>): void {
    if (options.connectionSpent) throw connectionSpent();
    if (!this.#hasBudget(key)) throw needsLink();
    this.#perAddress.take(key);
    this.#everyone.take(EVERYONE);
    options.onMiss?.();
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
