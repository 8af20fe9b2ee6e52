import { ROUTING_PARAM } from '../../../shared/routing.ts';

/**
 * HAProxy's configuration for several Plenario nodes (issue 18, docs/deploy.md#6-several-nodes-haproxy-and-postgresql): each
 * live session is owned by one node, so every request about a session must reach that node.
 * Written for HAProxy 2.6 (Debian 12), checked with `haproxy -c` by tests/integration/routing.test.ts.
 */

export interface HaproxyNode {
  /** The node's name in HAProxy's logs and stats (its NODE_ID). */
  name: string;
  host: string;
  port: number;
}

export interface HaproxyOptions {
  /** Where HAProxy listens, e.g. `127.0.0.1:4580` or `:80`. */
  bind: string;
  nodes: HaproxyNode[];
  /** A UNIX socket for HAProxy's runtime API (`show table`, `show servers state`); none when left out. */
  statsSocket?: string;
  /** Health checks: every `interMs`, down after `fall` failures, up again after `rise` successes. */
  check?: { interMs: number; fall: number; rise: number };
}

/** A node is declared down after two failed checks a second apart (docs/deploy.md weighs a slower setting for production). */
export const DEFAULT_CHECK = { interMs: 1000, fall: 2, rise: 2 } as const;

/** How long a node that accepted a health check's connection has to answer it (`timeout check`). */
export const CHECK_READ_TIMEOUT_S = 3;

const NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The configuration text. Routing: the session's id comes from `?session=` (Socket.IO sends
 * it on every polling request and on the WebSocket upgrade) or from the path of a
 * session's HTTP routes (`/api/sessions/<id>/…`, `/api/experiences/<id>/…`); it picks a node by
 * consistent hash the first time, and the stick table then keeps the session there. A node that
 * fails its checks loses its sessions to the others (`option redispatch`); the table keeps each
 * on its new node, even once the old one is back. Requests without an id go to any node.
 */
export function haproxyConfig(options: HaproxyOptions): string {
  if (options.nodes.length === 0) throw new Error('HAProxy needs at least one node.');
  for (const node of options.nodes) {
    if (!NAME.test(node.name) || !NAME.test(node.host) || !Number.isInteger(node.port)) {
      throw new Error(`A node must have a plain name, host and port, got ${JSON.stringify(node)}.`);
    }
  }
  const check = options.check ?? DEFAULT_CHECK;
  const lines = [
    'global',
    ...(options.statsSocket ? [`  stats socket ${options.statsSocket} mode 600 level admin`] : []),
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 15s',
    // A WebSocket lives as long as the workshop; Socket.IO's pings keep it busy.
    '  timeout tunnel 1h',
    '  retries 2',
    // A request whose node is down goes to another one, breaking the stick table's entry.
    '  option redispatch',
    '',
    'frontend plenario',
    `  bind ${options.bind}`,
    '  default_backend nodes',
    '',
    'backend nodes',
    `  http-request set-var(txn.sid) url_param(${ROUTING_PARAM})`,
    '  http-request set-var(txn.sid) path,field(4,/) if !{ var(txn.sid) -m found } { path_reg ^/api/(sessions|experiences)/[^/]+ }',
    '  balance hash var(txn.sid)',
    '  hash-type consistent',
    // Session ids are 21 characters (nanoid); 4 h after its last request an entry may go.
    '  stick-table type string len 32 size 200k expire 4h',
    '  stick on var(txn.sid)',
    '  option httpchk',
    '  http-check send meth GET uri /healthz',
    '  http-check expect status 200',
    // A node that is up but busy (a storm of rejoins after a failover) gets this long to answer a
    // check, on top of connecting: marked down, its sessions would be redispatched for nothing.
    // A dead node still fails at once (connection refused), or after `inter` when unreachable.
    `  timeout check ${CHECK_READ_TIMEOUT_S}s`,
    `  default-server inter ${check.interMs}ms fall ${check.fall} rise ${check.rise}`,
    ...options.nodes.map((node) => `  server ${node.name} ${node.host}:${node.port} check`),
    '',
  ];
  return lines.join('\n');
}
