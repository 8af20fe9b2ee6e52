import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Which origin a request may name as its own Host: `any` (the cookie routes: a DNS-rebound name
 * carries none of this server's cookies), `address` (only an IP address or localhost, which no
 * rebinding can produce: the browser sends the attacker's name), or `none` (only the listed origins).
 */
export type SameHost = 'any' | 'address' | 'none';

/**
 * Whether a request may proceed, judged by its Origin header. Browsers always send Origin on
 * cross-site requests and WebSocket upgrades, so refusing other origins stops cross-site WebSocket
 * hijacking (for both Socket.IO transports), which the `cors` option alone does not.
 * Requests without Origin come from scripts, not browsers, and carry no victim's cookies.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[], sameHost: SameHost = 'any'): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = req.headers.host;
  if (sameHost === 'none' || host === undefined || (origin !== `http://${host}` && origin !== `https://${host}`)) return false;
  return sameHost === 'any' || isAddress(host);
}

/** Whether a Host header names an IP address or localhost (with or without a port). */
function isAddress(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return isIP(name) !== 0 || name.toLowerCase() === 'localhost';
}
