import { describe, expect, it, vi } from 'vitest';
import type { AuditPageBody } from '../../../shared/audit.ts';
import { AuditPage, auditQuery, type AuditFilters } from '../../../client/src/lib/audit-page.svelte.ts';
import type { Outcome } from '../../../client/src/lib/api.ts';
import { ADMIN, FACILITATOR, fakePort } from './workspace-fakes.ts';

const body = (page: number, total: number): AuditPageBody => ({ entries: [], total, page, pageSize: 50, keepDays: 730 });

function setup(
  me = ADMIN,
  answer: (filters: AuditFilters, page: number) => Outcome<AuditPageBody> = (_f, p) => ({ ok: true, data: body(p, 120) }),
) {
  const fake = fakePort({ accounts: [ADMIN, FACILITATOR], me });
  const fetchPage = vi.fn(async (filters: AuditFilters, page: number) => answer(filters, page));
  return { page: new AuditPage(fake.port, fetchPage), fetchPage };
}

describe('auditQuery', () => {
  it('leaves out empty filters and page 1', () => {
    expect(auditQuery({ action: '', accountId: '' })).toBe('');
    expect(auditQuery({ action: '', accountId: '' }, 1)).toBe('');
    expect(auditQuery({ action: 'report.downloaded', accountId: 'a 1' }, 3)).toBe('?action=report.downloaded&accountId=a+1&page=3');
  });
});

describe('AuditPage', () => {
  it('loads the first page and the accounts for an administrator, and pages within bounds', async () => {
    const { page, fetchPage } = setup();
    await page.load();
    expect(page.screen).toEqual({ kind: 'ready' });
    expect(page.accounts).toEqual([ADMIN, FACILITATOR]);
    expect(page.pages).toBe(3);
    await page.goTo(9);
    expect(fetchPage).toHaveBeenLastCalledWith({ action: '', accountId: '' }, 3);
    await page.goTo(0);
    expect(fetchPage).toHaveBeenLastCalledWith({ action: '', accountId: '' }, 1);
  });

  it('applies the filters to the list and the CSV link, back on page 1', async () => {
    const { page, fetchPage } = setup();
    await page.load();
    page.filters.action = 'sign-in.failed';
    expect(page.csvHref).toBe('/api/audit.csv');
    await page.apply();
    expect(fetchPage).toHaveBeenLastCalledWith({ action: 'sign-in.failed', accountId: '' }, 1);
    expect(page.csvHref).toBe('/api/audit.csv?action=sign-in.failed');
  });

  it('refuses a facilitator without asking for the trail, and says when the server refuses', async () => {
    const facilitator = setup(FACILITATOR);
    await facilitator.page.load();
    expect(facilitator.page.screen).toEqual({ kind: 'forbidden' });
    expect(facilitator.fetchPage).not.toHaveBeenCalled();

    const offline = setup(ADMIN, () => ({ ok: false, code: 'OFFLINE' }));
    await offline.page.load();
    expect(offline.page.screen).toEqual({ kind: 'failed', code: 'OFFLINE' });
  });
});
