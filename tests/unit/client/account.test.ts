import { afterEach, describe, expect, it, vi } from 'vitest';
import { passwordProblem } from '../../../shared/accounts.ts';
import { accountApi, generatePassword } from '../../../client/src/lib/account.ts';

/** Answers every fetch with this status and JSON body (or throws, for a network failure). */
function answer(status: number, body: unknown | Error): ReturnType<typeof vi.fn> {
  const fetch = vi.fn(async () => {
    if (body instanceof Error) throw body;
    return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('accountApi', () => {
  it('posts the sign-in as JSON, same-origin, and returns the account', async () => {
    const account = { id: 'a1', email: 'ana@serviciocivil.cl', name: 'Ana', role: 'admin', createdAt: 1 };
    const fetch = answer(200, { account });
    expect(await accountApi.signIn({ email: 'ana@serviciocivil.cl', password: 'contraseña-de-ana' })).toEqual({
      ok: true,
      data: { account },
    });
    const [path, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(path).toBe('/api/auth/sign-in');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(init.body))).toEqual({ email: 'ana@serviciocivil.cl', password: 'contraseña-de-ana' });
  });

  it('turns the server error shape into its code (shown as error.<CODE>)', async () => {
    answer(401, { error: { code: 'UNAUTHORIZED', message: 'El correo o la contraseña no son correctos.' } });
    expect(await accountApi.signIn({ email: 'x@y.cl', password: 'z' })).toEqual({ ok: false, code: 'UNAUTHORIZED', field: null });
    answer(429, { error: { code: 'RATE_LIMITED', message: '…' } });
    expect(await accountApi.signIn({ email: 'x@y.cl', password: 'z' })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('names the field the server refused, so the form can say the email is taken', async () => {
    answer(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Ya existe…',
        details: [{ path: '/email', message: 'Ya existe una cuenta con ese correo.' }],
      },
    });
    expect(
      await accountApi.createAccount({ email: 'ana@serviciocivil.cl', name: 'Ana', password: 'contraseña-de-ana', role: 'facilitator' }),
    ).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      field: 'email',
    });
  });

  it('answers OFFLINE when the server cannot be reached, INTERNAL for an unknown answer', async () => {
    answer(0, new TypeError('fetch failed'));
    expect(await accountApi.me()).toEqual({ ok: false, code: 'OFFLINE', field: null });
    answer(502, { nope: true });
    expect(await accountApi.listAccounts()).toEqual({ ok: false, code: 'INTERNAL', field: null });
  });

  it('accepts the empty 204 of sign-out and removal', async () => {
    const fetch = answer(204, null);
    expect(await accountApi.signOut()).toEqual({ ok: true, data: null });
    expect(await accountApi.deleteAccount('a/b')).toEqual({ ok: true, data: null });
    expect(fetch.mock.calls[1]?.[0]).toBe('/api/accounts/a%2Fb');
  });
});

describe('generatePassword', () => {
  it('makes four dash-separated groups of four unambiguous characters, within the policy', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(passwordProblem(password)).toBeNull();
    }
  });

  it('differs each time', () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword()));
    expect(seen.size).toBe(100);
  });

  it('skips bytes that would make some characters likelier than others', () => {
    // 56 characters: bytes from 224 up are refused; 0 maps to "a", 55 to "9".
    const bytes = [255, 224, 0, 55, ...Array<number>(28).fill(1)];
    expect(generatePassword((target) => (target.set(bytes.slice(0, target.length)), target))).toBe('a9bb-bbbb-bbbb-bbbb');
  });
});
