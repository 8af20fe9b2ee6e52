import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routingQuery } from '../../shared/routing.ts';
import { ClusterTarget } from '../bench/cluster-target.ts';
import type { FailoverReport } from '../bench/failover-report.ts';
import { parseFailoverOptions, runFailover } from '../bench/failover.ts';
import { connect, request } from './support/server.ts';

/**
 * Issue 18's steady state (T1) and HAProxy restart (T6) on a real cluster: a private PostgreSQL,
 * 3 nodes and HAProxy (tests/bench/cluster-target.ts), 2 sessions, 300 phones through HAProxy.
 * Only what does not depend on the machine is asserted (no timing).
 */

const dir = mkdtempSync(join(tmpdir(), 'plenario-cluster-steady-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run of the failover bench on a 3-node cluster with these extra options; its report, and what `afterChecks` saw. */
async function clusterRun<T>(
  name: string,
  extra: string[],
  afterChecks?: (cluster: ClusterTarget, sessions: Array<{ id: string; code: string }>) => Promise<T>,
) {
  const json = join(dir, `${name}.json`);
  const options = parseFailoverOptions(
    ['--cluster', '3', '--sessions', '2', '--participants', '300', '--rate', '100', '--duration', '6', ...extra].concat(
      // An upper bound for a busy machine: the run goes on once every phone is back.
      ['--settle', '90', '--json', json],
    ),
  );
  let cluster: ClusterTarget | null = null;
  let seen: T | null = null;
  await runFailover({ ...options, pin: false, print: false, quietTimeout: 0 }, async () => (cluster = await ClusterTarget.start(3)), {
    afterChecks: async (_target, sessions) => {
      if (afterChecks) seen = await afterChecks(cluster!, sessions);
    },
  });
  return { report: JSON.parse(readFileSync(json, 'utf8')) as FailoverReport, seen: seen as T | null };
}

const refusedNotOwner = async (url: string) =>
  ((await (await fetch(`${url}/healthz`)).json()) as { refusedNotOwner: number }).refusedNotOwner;

/**
 * Whether HAProxy marked no node down during the run. A node marked down (a check lost on a
 * loaded machine) has its sessions redispatched to nodes that refuse them, until the owner hands
 * them over (server/services/handover.ts): refusals and handovers are then how routing and
 * ownership converge, and the run asserts that they did (every phone back, counts exact).
 */
const flapFree = (failover: FailoverReport['failover']) => (failover.haproxyServerChanges ?? []).length === 0;

describe('npm run bench -- --cluster 3 (steady state and an HAProxy restart)', () => {
  it(
    'lands every socket of a session on its owner: no SESSION_MOVED refusal, counts exact; a non-owner reached directly counts its refusal',
    { timeout: 240_000 },
    async () => {
      const { report, seen } = await clusterRun('steady', [], async (cluster, [session]) => {
        // Past HAProxy, straight to a node that does not own the session: refused, and counted in its /healthz.
        const owner = await cluster.ownerPid(session!.id);
        const node = cluster.nodes().find((n) => n.pid !== owner)!;
        const before = await refusedNotOwner(node.url);
        const socket = await connect(node.url, { query: routingQuery(session!.id) });
        const ack = await request(socket, 'session:join', { code: session!.code });
        socket.close();
        return { ack, before, after: await refusedNotOwner(node.url) };
      });
      const failover = report.failover;
      expect(report.connected).toBe(300);
      expect(report.acknowledged).toBeGreaterThan(0);
      expect(report.errorsByCode).toEqual({});
      expect(failover.event).toBeNull();
      // Every join and handshake reached its session's owner (read before the direct join below),
      // unless HAProxy saw a node down meanwhile (see flapFree).
      if (flapFree(failover)) {
        expect(failover.misrouted).toBe(0);
        expect(failover.handedOver).toBe(0);
      }
      expect(failover.phonesDisconnected).toBe(0);
      expect(failover.unsettled).toBe(0);
      expect(failover.ackedLost).toBe(0);
      expect(failover.sessionsExact).toEqual([true, true]);
      expect(report.countedByPresenter).toBe(report.acknowledged);
      expect(failover.commitsWithoutLock).toBe(0);
      expect(failover.sessionsAck.map((s) => s.acks).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(report.acknowledged);
      expect(seen?.ack).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
      expect(seen?.after).toBe((seen?.before ?? Number.NaN) + 1);
    },
  );

  it(
    'brings every phone back after HAProxy is killed and started again, each session on the node that owned it, nothing lost',
    { timeout: 240_000 },
    async () => {
      const { report } = await clusterRun('haproxy', ['--restart-haproxy-at', '2']);
      const failover = report.failover;
      expect(report.connected).toBe(300);
      expect(report.errorsByCode).toEqual({});
      expect(failover.event).toBe('haproxy-restart');
      // Every connection went through HAProxy, so every phone was cut, and every one joined again as the same participant.
      expect(failover.phonesDisconnected).toBe(300);
      expect(failover.phonesNotBack).toBe(0);
      expect(failover.identityChanges).toBe(0);
      expect(failover.unsettled).toBe(0);
      // The new HAProxy has an empty stick table: consistent hashing sends each session back to the node
      // it first hashed to, which still owns it (unless HAProxy saw that node down meanwhile and redispatched).
      const markedDown = (node: string) => failover.haproxyServerChanges!.some((line) => line.includes(`/${node} is DOWN`));
      failover.ownersBefore!.forEach((owner, i) => {
        if (!markedDown(owner)) expect(failover.ownersAfter[i]).toBe(owner);
      });
      if (flapFree(failover)) {
        expect(failover.misrouted).toBe(0);
        expect(failover.handedOver).toBe(0);
      }
      expect(failover.ackedLost).toBe(0);
      expect(failover.sessionsExact).toEqual([true, true]);
      expect(report.countedByPresenter).toBe(report.acknowledged);
      expect(failover.commitsWithoutLock).toBe(0);
    },
  );
});
