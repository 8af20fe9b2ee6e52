/**
 * The rehearsal's sign-in on a server with accounts: the cookie it carries (the name is
 * server/plugins/auth.ts's AUTH_COOKIE; the rehearsal talks to the server over HTTP only).
 */
export const AUTH_COOKIE = 'plenario_auth';

/** The header that carries the sign-in token, or none without one. */
export const authCookie = (authToken: string | null): Record<string, string> =>
  authToken ? { cookie: `${AUTH_COOKIE}=${encodeURIComponent(authToken)}` } : {};
