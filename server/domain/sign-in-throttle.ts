import { RateLimiter } from './rate-limiter.ts';

/** The sign-in brakes; each counts attempts that did not succeed, refilled evenly over the window. */
export const SIGN_IN_LIMITS = {
  /** Per client address, whatever the emails: one address cannot try many accounts. */
  perAddress: 30,
  /** Per email, from every address: past this the account counts as under attack. */
  perAccount: 10,
  /** Per email and address: what each address may still try while the account is under attack. */
  perAccountAddress: 3,
  windowMs: 15 * 60_000,
} as const;

/** An attempt let through: it counts as a failure unless it turns out to succeed. */
export interface SignInAttempt {
  succeeded(): void;
}

/**
 * Limits password guessing without letting a stranger lock a facilitator out. A per-account
 * limit alone would: anyone who knows the email could spend it and the right password would be
 * refused too. So the per-account limit does not refuse by itself; once an account is under
 * attack, an address is refused only after failing on that account a few times. An address with
 * no recent failures on the account always gets its tries, so its owner gets in from their own
 * network, while an attacker gets only a few guesses per address they control (docs/privacy.md
 * works out what that allows). A slowdown was the alternative: it delays the owner as much as
 * the attacker, who can wait in parallel.
 *
 * An attempt is counted before the password is checked (so a burst of parallel guesses cannot
 * all pass before the first failure is known) and given back when it succeeds. Attempts are
 * counted the same whether the email has an account or not, so a refusal tells nothing about it.
 */
export class SignInThrottle {
  readonly #byAddress: RateLimiter;
  readonly #byAccount: RateLimiter;
  readonly #byAccountAddress: RateLimiter;

  constructor(now: () => number = Date.now) {
    const { perAddress, perAccount, perAccountAddress, windowMs } = SIGN_IN_LIMITS;
    this.#byAddress = new RateLimiter(perAddress, windowMs, now);
    this.#byAccount = new RateLimiter(perAccount, windowMs, now);
    this.#byAccountAddress = new RateLimiter(perAccountAddress, windowMs, now);
  }

  /** Counts an attempt on a (normalised) email from an address; null when it is refused. */
  attempt(email: string, address: string): SignInAttempt | null {
    if (!this.#byAddress.take(address)) return null;
    const pair = JSON.stringify([email, address]);
    const fromAccount = this.#byAccount.take(email);
    const fromPair = this.#byAccountAddress.take(pair);
    if (!fromAccount && !fromPair) {
      // A refused attempt checks nothing, so it does not count against the address either.
      this.#byAddress.refund(address);
      return null;
    }
    return {
      succeeded: () => {
        this.#byAddress.refund(address);
        if (fromAccount) this.#byAccount.refund(email);
        if (fromPair) this.#byAccountAddress.refund(pair);
      },
    };
  }
}
