import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FailoverReport } from '../bench/failover-report.ts';
import { parseFailoverOptions, runFailover } from '../bench/failover.ts';

/**
 * Issue 18's PostgreSQL restart under load (T5) on a real cluster: a private PostgreSQL, 3 nodes
 * and HAProxy (tests/bench/cluster-target.ts), 2 sessions, 300 phones through HAProxy;
 * PostgreSQL is stopped (`pg_ctl stop -m fast`) 2 s into the answers and started again 2 s later.
 * Only what does not depend on the machine is asserted (no timing).
 */

const dir = mkdtempSync(join(tmpdir(), 'plenario-cluster-postgres-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench -- --cluster 3 --restart-postgres-at (PostgreSQL stopped and started under load)', () => {
  it(
    'acknowledges nothing while PostgreSQL is down, loses nothing acknowledged, and brings every phone back',
    { timeout: 240_000 },
    async () => {
      const json = join(dir, 'postgres-restart.json');
      const options = parseFailoverOptions(
        ['--cluster', '3', '--sessions', '2', '--participants', '300', '--rate', '100', '--duration', '8'].concat(
          ['--restart-postgres-at', '2', '--postgres-down', '2'],
          // An upper bound for a busy machine: the run goes on once every phone is back.
          ['--settle', '90', '--json', json],
        ),
      );
      await runFailover({ ...options, pin: false, print: false, quietTimeout: 0 });

      const report = JSON.parse(readFileSync(json, 'utf8')) as FailoverReport;
      const failover = report.failover;
      expect(report.connected).toBe(300);
      expect(report.errorsByCode).toEqual({});
      expect(failover.event).toBe('postgres-restart');
      // Every node lost its owner connection and dropped its sessions' sockets; every phone joined again as the same participant.
      expect(failover.phonesDisconnected).toBe(300);
      expect(failover.phonesNotBack).toBe(0);
      expect(failover.identityChanges).toBe(0);
      expect(failover.unsettled).toBe(0);
      // No ack while PostgreSQL was down (past the margin for acks already on their way), and every ack near the stop is stored.
      expect(failover.acksDuringOutage).toBe(0);
      expect(failover.outage!.acksInMarginStored).toBe(failover.outage!.acksInMargin);
      // Nothing acknowledged lost; presenter = PostgreSQL = the phones' own log, in both sessions.
      expect(failover.ackedLost).toBe(0);
      expect(failover.sessionsExact).toEqual([true, true]);
      expect(report.countedByPresenter).toBe(report.acknowledged);
      expect(failover.commitsWithoutLock).toBe(0);
      expect(report.acknowledged).toBeGreaterThan(0);
    },
  );
});
