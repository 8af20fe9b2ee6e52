import type { ServerResponse } from 'node:http';
import fp from 'fastify-plugin';

/**
 * The policy of the app's pages, sent on every response: a browser applies it only to what it
 * renders as a document, and a 304 that revalidates a page must carry the page's own policy
 * (browsers replace the stored headers with the 304's). Scripts and styles come only from our
 * own files (Vite emits no inline script, and Svelte's scoped CSS goes to a stylesheet); styles
 * that Svelte and chart.js set at run time go through the CSSOM, which CSP does not govern.
 * Images: our own, plus data: URIs for the favicon and the check mark drawn in CSS. Sockets:
 * 'self' covers ws:/wss: of the same host in CSP Level 3 browsers (checked in Chromium by
 * tests/e2e/screens-tour.test.ts). No site may frame a page: the presenter is shared as a window
 * or a tab, never embedded, so a framing site cannot trick a facilitator into clicking the
 * console's controls.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** On every response, whoever writes it. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // A JSON answer or a CSV report must never be sniffed into a page or a script.
  'X-Content-Type-Options': 'nosniff',
  // The facilitator token travels in the address's fragment; no page address goes to other sites.
  'Referrer-Policy': 'no-referrer',
  // frame-ancestors for browsers without CSP Level 2.
  'X-Frame-Options': 'DENY',
  // A page opened from another site cannot reach back into ours through window.opener, nor the reverse.
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Other sites cannot pull our answers or reports in as images or scripts.
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Features Plenario never uses stay off, even if a script were injected.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
} as const;

function setHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * Security headers on every response: Fastify's replies (pages, assets, API, reports), and what
 * Socket.IO writes itself on the same HTTP server (polling, handshake refusals) without passing
 * through Fastify. Registered after the realtime plugin, which takes over the server's request
 * listeners: a listener prepended afterwards runs before Socket.IO's.
 */
export default fp(
  async (app) => {
    const socketPath = app.io.path();
    app.server.prependListener('request', (req, res) => {
      if (req.url?.startsWith(`${socketPath}/`)) setHeaders(res);
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(SECURITY_HEADERS);
      return payload;
    });
  },
  { name: 'security-headers', dependencies: ['realtime'] },
);
