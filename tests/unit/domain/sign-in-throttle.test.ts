import { describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS, SignInThrottle } from '../../../server/domain/sign-in-throttle.ts';

const { perAddress, perAccount, perAccountAddress, windowMs } = SIGN_IN_LIMITS;

function setup() {
  let now = 1_000_000;
  const throttle = new SignInThrottle(() => now);
  /** `times` failed attempts; true for each one let through. */
  const fail = (email: string, address: string, times = 1) =>
    Array.from({ length: times }, () => throttle.attempt(email, address) !== null);
  return { throttle, fail, advance: (ms: number) => (now += ms) };
}

const allowedThenRefused = (allowed: number, times: number) => Array.from({ length: times }, (_, i) => i < allowed);

describe('SignInThrottle', () => {
  it(`lets one address fail ${perAccount} times on an account, then refuses it`, () => {
    const { fail } = setup();
    expect(fail('ana@x.cl', '10.0.0.1', perAccount + 2)).toEqual(allowedThenRefused(perAccount, perAccount + 2));
  });

  it('still lets an address with no failures try while the account is under attack from another', () => {
    const { throttle, fail } = setup();
    fail('ana@x.cl', '10.0.0.1', 40);
    expect(throttle.attempt('ana@x.cl', '10.0.0.2')).not.toBeNull();
  });

  it(`gives each further address ${perAccountAddress} tries on an account under attack`, () => {
    const { fail } = setup();
    fail('ana@x.cl', '10.0.0.1', perAccount);
    for (let i = 2; i < 50; i++)
      expect(fail('ana@x.cl', `10.0.0.${i}`, perAccountAddress + 1)).toEqual(allowedThenRefused(perAccountAddress, perAccountAddress + 1));
  });

  it('does not count a successful attempt, nor a refused one', () => {
    const { throttle, fail } = setup();
    for (let i = 0; i < perAddress * 2; i++) throttle.attempt('ana@x.cl', '10.0.0.1')!.succeeded();
    expect(fail('ana@x.cl', '10.0.0.1', perAccount + 5)).toEqual(allowedThenRefused(perAccount, perAccount + 5));
    // The refused attempts above did not spend the address's allowance on other accounts.
    const others = Array.from({ length: perAddress - perAccount + 1 }, (_, i) => fail(`persona${i}@x.cl`, '10.0.0.1')[0]);
    expect(others).toEqual(allowedThenRefused(perAddress - perAccount, perAddress - perAccount + 1));
  });

  it(`refuses an address after ${perAddress} failures, whatever the emails`, () => {
    const { fail } = setup();
    const results = Array.from({ length: perAddress + 1 }, (_, i) => fail(`persona${i}@x.cl`, '10.0.0.1')[0]);
    expect(results).toEqual(allowedThenRefused(perAddress, perAddress + 1));
  });

  it('treats an email with no account like any other: only the strings count', () => {
    const { fail } = setup();
    expect(fail('nadie@x.cl', '10.0.0.1', perAccount + 1)).toEqual(fail('ana@x.cl', '10.0.0.2', perAccount + 1));
  });

  it('refills evenly over the window', () => {
    const { fail, advance } = setup();
    fail('ana@x.cl', '10.0.0.1', perAccount);
    advance(windowMs / perAccount - 1);
    expect(fail('ana@x.cl', '10.0.0.1')).toEqual([false]);
    advance(1);
    expect(fail('ana@x.cl', '10.0.0.1', 2)).toEqual([true, false]);
    advance(windowMs);
    expect(fail('ana@x.cl', '10.0.0.1', perAccount + 1)).toEqual(allowedThenRefused(perAccount, perAccount + 1));
  });
});
