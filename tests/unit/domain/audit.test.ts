import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit.ts';
import {
  AUDIT_CSV_COLUMNS,
  AUDIT_KEEP_DAYS,
  AUDIT_PAGE_SIZE,
  accountActor,
  accountTarget,
  auditCsvFields,
  auditCutoff,
  auditPage,
  seriesTarget,
  sessionTarget,
  settingTarget,
} from '../../../server/domain/audit.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('audit trail rules', () => {
  it('keeps entries AUDIT_KEEP_DAYS days', () => {
    const now = Date.UTC(2026, 10, 20);
    expect(auditCutoff(now)).toBe(now - AUDIT_KEEP_DAYS * DAY_MS);
    expect(AUDIT_KEEP_DAYS).toBe(730);
  });

  it('pages 50 at a time from page 1; anything but a positive whole page is page 1', () => {
    expect(auditPage(1)).toEqual({ offset: 0, limit: AUDIT_PAGE_SIZE });
    expect(auditPage(3)).toEqual({ offset: 2 * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE });
    for (const page of [0, -2, 1.5, Number.NaN]) expect(auditPage(page)).toEqual({ offset: 0, limit: AUDIT_PAGE_SIZE });
  });

  it('names targets by id, label and owner: an account owns its own data, settings have no id', () => {
    const owner = 'acc-1';
    expect(sessionTarget({ id: 's1', title: 'Taller', ownerAccountId: owner })).toEqual({
      kind: 'session',
      id: 's1',
      label: 'Taller',
      ownerAccountId: owner,
    });
    expect(seriesTarget({ id: 'r1', title: 'Serie', ownerAccountId: null })).toEqual({
      kind: 'series',
      id: 'r1',
      label: 'Serie',
      ownerAccountId: null,
    });
    expect(accountTarget({ id: owner, email: 'ana@serviciocivil.cl' })).toEqual({
      kind: 'account',
      id: owner,
      label: 'ana@serviciocivil.cl',
      ownerAccountId: owner,
    });
    expect(settingTarget('retention_days')).toEqual({ kind: 'settings', id: null, label: 'retention_days', ownerAccountId: null });
  });

  it('writes an entry as CSV fields in column order, the time in UTC and the detail as JSON', () => {
    const entry: AuditEntry = {
      id: 7,
      at: Date.UTC(2026, 10, 20, 14, 30),
      action: 'report.downloaded',
      actor: accountActor({ id: 'acc-2', email: 'bea@serviciocivil.cl' }),
      target: sessionTarget({ id: 's1', title: 'Taller', ownerAccountId: 'acc-1' }),
      detail: { format: 'pdf' },
    };
    const fields = auditCsvFields(entry);
    expect(fields).toHaveLength(AUDIT_CSV_COLUMNS.length);
    expect(fields).toEqual([
      '2026-11-20T14:30:00.000Z',
      'report.downloaded',
      'account',
      'acc-2',
      'bea@serviciocivil.cl',
      'session',
      's1',
      'Taller',
      'acc-1',
      '{"format":"pdf"}',
    ]);
    expect(auditCsvFields({ ...entry, actor: { kind: 'unknown' }, target: null, detail: {} })).toEqual([
      '2026-11-20T14:30:00.000Z',
      'report.downloaded',
      'unknown',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });
});
