/**
 * The client address of a request, by the rule app.ts gives Fastify (`trustProxy` trusting the
 * first `trustedProxies` hops), so a socket's handshake and an HTTP request from the same client
 * name the same address: the TCP peer; with proxies in front, the address the outermost trusted
 * proxy saw — the `trustedProxies`-th entry of X-Forwarded-For counted from the right. Entries
 * further left were written by the client and could be anything.
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  if (trustedProxies === 0 || forwardedFor === undefined) return peer;
  const forwarded = [forwardedFor]
    .flat()
    .join(',')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedProxies, chain.length - 1)]!;
}
