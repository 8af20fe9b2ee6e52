import type { IncomingMessage } from 'node:http';

/**
 * Whether a Socket.IO request (either transport) may proceed, judged by its Origin header.
 * Browsers always send Origin on cross-site requests and WebSocket upgrades, so refusing other
 * origins stops cross-site WebSocket hijacking, which the `cors` option alone does not.
 * Requests without Origin come from scripts, not browsers, and carry no victim's cookies.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return allowedOrigins.includes(origin);
}
