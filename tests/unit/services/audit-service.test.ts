import { describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../../../shared/audit.ts';
import { AUDIT_KEEP_DAYS, AUDIT_PAGE_SIZE, accountActor, settingTarget } from '../../../server/domain/audit.ts';
import { AuditService } from '../../../server/services/audit-service.ts';
import { MemoryStorage } from './support/memory-storage.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const ana = accountActor({ id: 'acc-ana', email: 'ana@serviciocivil.cl' });
const bea = accountActor({ id: 'acc-bea', email: 'bea@serviciocivil.cl' });
const entry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  action: 'sign-in.succeeded',
  actor: ana,
  target: null,
  detail: {},
  ...over,
});

function setup() {
  const storage = new MemoryStorage();
  let now = Date.UTC(2026, 10, 20, 12, 0);
  const audit = new AuditService({ storage, now: () => now });
  return { storage, audit, advance: (ms: number) => (now += ms), at: () => now };
}

describe('AuditService', () => {
  it('records with the clock time and lists newest first, filtered by action and by acting account', async () => {
    const { audit, advance, at } = setup();
    await audit.record(entry());
    advance(1000);
    await audit.record(entry({ action: 'report.downloaded', actor: bea, detail: { format: 'pdf' } }));
    advance(1000);
    await audit.record(entry({ action: 'sign-in.failed', actor: { kind: 'unknown' } }));

    const all = await audit.list({});
    expect(all.total).toBe(3);
    expect(all.entries.map((e) => e.action)).toEqual(['sign-in.failed', 'report.downloaded', 'sign-in.succeeded']);
    expect(all.entries[0]!.at).toBe(at());
    expect(all).toMatchObject({ page: 1, pageSize: AUDIT_PAGE_SIZE, keepDays: AUDIT_KEEP_DAYS });
    expect((await audit.list({ action: 'report.downloaded' })).entries).toMatchObject([{ actor: bea, detail: { format: 'pdf' } }]);
    expect((await audit.list({ accountId: 'acc-ana' })).entries.map((e) => e.action)).toEqual(['sign-in.succeeded']);
    expect(await audit.list({ accountId: 'nadie' })).toMatchObject({ total: 0, entries: [] });
  });

  it('pages by AUDIT_PAGE_SIZE', async () => {
    const { audit, advance } = setup();
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++) {
      await audit.record(entry({ detail: { n: i } }));
      advance(1);
    }
    expect((await audit.list({}, 1)).entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect((await audit.list({}, 2)).entries.map((e) => e.detail.n)).toEqual([2, 1, 0]);
    expect((await audit.list({}, 3)).entries).toEqual([]);
  });

  it('writes the entry in the same transaction as the command, and none when the command throws', async () => {
    const { storage, audit } = setup();
    const result = await audit.within(entry({ action: 'retention.changed', target: settingTarget('retention_days') }), async () => {
      await storage.comments.save('s1', 'a1', 'nota', 0);
      return 42;
    });
    expect(result).toBe(42);
    expect(storage.transactions.at(-1)).toEqual(['saveComment', 'audit']);

    await expect(
      audit.within(entry({ action: 'account.deleted' }), () => {
        throw new Error('No puedes eliminar tu propia cuenta.');
      }),
    ).rejects.toThrow('No puedes eliminar');
    expect((await audit.list({ action: 'account.deleted' })).total).toBe(0);
  });

  it('records a session deletion with its command and forgets the title in every entry about the session', async () => {
    const { storage, audit } = setup();
    const target = { kind: 'session' as const, id: 's1', label: 'Taller de Ana', ownerAccountId: 'acc-ana' };
    await audit.record(entry({ action: 'report.downloaded', target, detail: { format: 'pdf' } }));
    await audit.record(entry({ action: 'report.downloaded', target: { ...target, id: 's2', label: 'Otro taller' } }));
    await audit.sessionDeleted({ ...entry({ action: 'session.deleted' }), target }, () => storage.comments.save('s1', 'a1', null, 0));
    expect(storage.transactions.at(-1)).toEqual(['saveComment', 'forgetSessionLabel', 'audit']);
    const labels = (await audit.list({})).entries.map((e) => [e.action, e.target?.id, e.target?.label]);
    expect(labels).toEqual([
      ['session.deleted', 's1', ''],
      ['report.downloaded', 's2', 'Otro taller'],
      ['report.downloaded', 's1', ''],
    ]);
  });

  it('writes nothing when the commit fails', async () => {
    const { storage, audit } = setup();
    storage.failNextCommit();
    await expect(async () => audit.within(entry(), async () => undefined)).rejects.toThrow('disk I/O error');
    expect((await audit.list({})).total).toBe(0);
  });

  it('exports CSV: BOM, header, newest first, formula-looking text neutralised and quoted when needed', async () => {
    const { audit, advance } = setup();
    await audit.record(entry({ target: { kind: 'session', id: 's1', label: '=HYPERLINK("x")', ownerAccountId: null } }));
    advance(1000);
    await audit.record(entry({ action: 'report.downloaded', detail: { format: 'csv' } }));
    const lines = (await audit.csv({})).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFat,action,actor_kind,actor_account_id,actor_email,target_kind,target_id,target_label,target_owner_account_id,detail',
    );
    expect(lines[1]).toContain('report.downloaded');
    expect(lines[1]).toContain('"{""format"":""csv""}"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.at(-1)).toBe('');
    expect((await audit.csv({ action: 'account.created' })).split('\r\n')).toHaveLength(2);
  });

  it('prunes entries older than the keeping period, and only those', async () => {
    const { audit, advance } = setup();
    await audit.record(entry());
    advance(10 * DAY_MS);
    await audit.record(entry({ action: 'sign-in.failed' }));
    advance((AUDIT_KEEP_DAYS - 5) * DAY_MS);
    expect(await audit.prune()).toBe(1);
    expect((await audit.list({})).entries.map((e) => e.action)).toEqual(['sign-in.failed']);
    expect(await audit.prune()).toBe(0);
  });
});
