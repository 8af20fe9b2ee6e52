import { describe, expect, it } from 'vitest';
import { ALL_SESSIONS, NO_SERIES, SessionsPage } from '../../../client/src/lib/sessions-page.svelte.ts';
import { BLANK_SOURCE, sessionSource, templateSource } from '../../../client/src/lib/new-session-form.svelte.ts';
import { DEFAULT_TEMPLATE, NEW_SERIES } from '../../../client/src/lib/workspace.ts';
import { DAY, FACILITATOR, NOW, fakePort, listing, ok, refused } from './workspace-fakes.ts';

const SERIES = { id: 'r1', title: 'Bien-Estar 2026', createdAt: 1, sessions: 1 };
const TEMPLATES = [
  { id: 'otra', title: 'Otra plantilla', builtIn: true },
  { id: DEFAULT_TEMPLATE, title: 'Sesión 2', builtIn: true },
];

async function loaded(start: Parameters<typeof fakePort>[0] = {}) {
  const fake = fakePort({ templates: TEMPLATES, ...start });
  const page = new SessionsPage(fake.port);
  await page.load();
  return { ...fake, page };
}

describe('SessionsPage.load', () => {
  it('shows the lists, the templates and, for an administrator, the retention period', async () => {
    const sessions = [listing('s1', { series: { id: 'r1', title: SERIES.title } })];
    const { page, workspace } = await loaded({ sessions, series: [SERIES], retentionDays: 365 });
    expect(page.screen).toMatchObject({ kind: 'ready', account: { role: 'admin' } });
    expect(page.isAdmin).toBe(true);
    expect(page.sessions).toEqual(sessions);
    expect(page.series).toEqual([SERIES]);
    expect(page.templates).toEqual(TEMPLATES);
    expect(page.create.source).toBe(templateSource(DEFAULT_TEMPLATE));
    expect(page.retention.text).toBe('365');
    expect(workspace.retention).toHaveBeenCalledTimes(1);
  });

  it('does not ask a facilitator for the retention period', async () => {
    const { page, workspace } = await loaded({ me: FACILITATOR });
    expect(page.isAdmin).toBe(false);
    expect(workspace.retention).not.toHaveBeenCalled();
  });

  it('starts from the first template without the seed’s, or blank without templates', async () => {
    expect((await loaded({ templates: [TEMPLATES[0]!] })).page.create.source).toBe(templateSource('otra'));
    const failed = fakePort();
    failed.workspace.templates.mockResolvedValueOnce(refused('INTERNAL'));
    const blank = new SessionsPage(failed.port);
    await blank.load();
    expect(blank.screen.kind).toBe('ready');
    expect(blank.templates).toEqual([]);
    expect(blank.create.source).toBe(BLANK_SOURCE);
  });

  it('sends someone signed out, or whose sign-in expired, to sign in', async () => {
    const { page, navigations } = await loaded({ me: null });
    expect(page.screen.kind).toBe('loading');
    expect(navigations).toEqual([{ href: '/signin', replace: true }]);

    const expired = fakePort();
    expired.workspace.sessions.mockResolvedValueOnce(refused('UNAUTHORIZED'));
    await new SessionsPage(expired.port).load();
    expect(expired.navigations).toEqual([{ href: '/signin', replace: true }]);
  });

  it('shows a failure to retry when the lists cannot be read', async () => {
    const fake = fakePort();
    fake.workspace.series.mockResolvedValueOnce(refused('OFFLINE'));
    const page = new SessionsPage(fake.port);
    await page.load();
    expect(page.screen).toEqual({ kind: 'failed', code: 'OFFLINE' });
    fake.accounts.me.mockResolvedValueOnce(refused('INTERNAL'));
    await page.load();
    expect(page.screen).toEqual({ kind: 'failed', code: 'INTERNAL' });
    await page.load();
    expect(page.screen.kind).toBe('ready');
  });
});

describe('SessionsPage filter', () => {
  it('keeps every session, those without a series, or one series, newest first', async () => {
    const sessions = [
      listing('old', { createdAt: NOW - 3 * DAY, series: { id: 'r1', title: 'A' } }),
      listing('new', { createdAt: NOW - DAY }),
      listing('mid', { createdAt: NOW - 2 * DAY, series: { id: 'r2', title: 'B' } }),
    ];
    const { page } = await loaded({ sessions });
    const ids = () => page.visible.map((s) => s.id);
    expect(page.filter).toBe(ALL_SESSIONS);
    expect(ids()).toEqual(['new', 'mid', 'old']);
    page.filter = NO_SERIES;
    expect(ids()).toEqual(['new']);
    page.filter = 'r1';
    expect(ids()).toEqual(['old']);
  });
});

describe('NewSessionForm', () => {
  it('brings an earlier session’s series and agencies, and says so', async () => {
    const earlier = listing('s1', { title: 'Sesión 1', series: { id: 'r1', title: 'A' }, agencies: ['IPS'] });
    const { page } = await loaded({ sessions: [earlier], series: [SERIES] });
    page.create.source = sessionSource('s1');
    expect(page.create.fields.series).toBe('r1');
    expect(page.create.fields.agencies).toEqual(['IPS']);
    expect(page.create.copiedFrom).toBe('Sesión 1');
    page.create.source = templateSource(DEFAULT_TEMPLATE);
    expect(page.create.copiedFrom).toBeNull();
    expect(page.create.fields.series).toBe('r1');
  });

  it('creates from a template, remembers the console token and opens the console', async () => {
    const { page, workspace, tokens, navigations } = await loaded();
    page.create.fields.title = '  Sesión 1 ';
    page.create.fields.agenciesText = 'IPS\nFONASA';
    page.create.fields.namesInReports = true;
    await page.create.submit();
    expect(workspace.createSession).toHaveBeenCalledWith({
      title: 'Sesión 1',
      template: DEFAULT_TEMPLATE,
      agencies: ['IPS', 'FONASA'],
      namesInReports: true,
      locale: 'es-CL',
    });
    const [id] = [...tokens.keys()];
    expect(tokens.get(id!)).toBe(`token-${id}`);
    expect(navigations).toEqual([{ href: `/facilitate/${id}#token=token-${id}`, replace: false }]);
  });

  it('sends an earlier session as the source, or nothing for a blank agenda', async () => {
    const { page, workspace } = await loaded({ sessions: [listing('s1')] });
    page.create.fields.title = 'Sesión 2';
    page.create.source = sessionSource('s1');
    await page.create.submit();
    expect(workspace.createSession).toHaveBeenLastCalledWith({
      title: 'Sesión 2',
      fromSessionId: 's1',
      agencies: [],
      namesInReports: false,
      locale: 'es-CL',
    });
    page.create.source = BLANK_SOURCE;
    await page.create.submit();
    expect(workspace.createSession).toHaveBeenLastCalledWith({ title: 'Sesión 2', agencies: [], namesInReports: false, locale: 'es-CL' });
  });

  it('sends nothing while the form is incomplete', async () => {
    const { page, workspace } = await loaded();
    await page.create.submit();
    page.create.fields.title = 'Sesión 1';
    page.create.fields.series = NEW_SERIES;
    await page.create.submit();
    expect(workspace.createSeries).not.toHaveBeenCalled();
    expect(workspace.createSession).not.toHaveBeenCalled();
  });

  it('lists a new series at once, and a retry after a refusal does not create it twice', async () => {
    const { page, workspace, navigations } = await loaded({ series: [SERIES] });
    workspace.createSession.mockResolvedValueOnce(refused('RATE_LIMITED'));
    page.create.fields.title = 'Sesión 1';
    page.create.fields.series = NEW_SERIES;
    page.create.fields.newSeriesTitle = 'Serie nueva';
    await page.create.submit();
    expect(page.create.error).toBe('RATE_LIMITED');
    expect(page.create.creating).toBe(false);
    expect(page.series.map((s) => s.title)).toEqual(['Serie nueva', SERIES.title]);
    expect(navigations).toEqual([]);

    await page.create.submit();
    expect(workspace.createSeries).toHaveBeenCalledTimes(1);
    expect(workspace.createSession).toHaveBeenLastCalledWith(expect.objectContaining({ seriesId: page.series[0]!.id }));
    expect(page.create.error).toBeNull();
    expect(navigations).toHaveLength(1);
  });

  it('keeps the refusal when the series cannot be created', async () => {
    const { page, workspace } = await loaded();
    workspace.createSeries.mockResolvedValueOnce(refused('UNAUTHORIZED'));
    page.create.fields.title = 'Sesión 1';
    page.create.fields.series = NEW_SERIES;
    page.create.fields.newSeriesTitle = 'Serie nueva';
    await page.create.submit();
    expect(page.create.error).toBe('UNAUTHORIZED');
    expect(workspace.createSession).not.toHaveBeenCalled();
  });
});

describe('RetentionForm', () => {
  const sessions = [listing('old', { createdAt: NOW - 400 * DAY }), listing('recent', { createdAt: NOW - DAY })];

  it('asks once more before a period that clears sessions now, then saves it', async () => {
    const { page, workspace } = await loaded({ sessions });
    page.retention.text = '365';
    await page.retention.save();
    expect(page.retention.confirm).toEqual({ days: 365, count: 1 });
    expect(workspace.setRetention).not.toHaveBeenCalled();
    workspace.setRetention.mockResolvedValueOnce(ok({ days: 365, cleared: 1 }));
    await page.retention.save();
    expect(workspace.setRetention).toHaveBeenCalledWith(365);
    expect(page.retention.confirm).toBeNull();
    expect(page.retention.saved).toEqual({ days: 365, cleared: 1 });
    // The lists are read again: the cleared session shows it.
    expect(workspace.sessions).toHaveBeenCalledTimes(2);
  });

  it('withdraws the confirmation and the last "saved" when the days are typed again', async () => {
    const { page, workspace } = await loaded({ sessions });
    page.retention.text = '365';
    await page.retention.save();
    page.retention.text = '36';
    expect(page.retention.confirm).toBeNull();
    await page.retention.save();
    expect(page.retention.confirm).toEqual({ days: 36, count: 1 });
    page.retention.text = '';
    await page.retention.save();
    expect(workspace.setRetention).toHaveBeenCalledWith(null);
    expect(page.retention.saved).toEqual({ days: null, cleared: 0 });
    page.retention.text = '3';
    expect(page.retention.saved).toBeNull();
  });

  it('saves a period that clears nothing at once, and sends nothing for days it cannot read', async () => {
    const { page, workspace } = await loaded({ sessions });
    page.retention.text = 'un año';
    expect(page.retention.parsed.ok).toBe(false);
    await page.retention.save();
    expect(workspace.setRetention).not.toHaveBeenCalled();
    page.retention.text = ' 730 ';
    await page.retention.save();
    expect(workspace.setRetention).toHaveBeenCalledWith(730);
    expect(page.retention.text).toBe('730');
  });

  it('keeps the refusal', async () => {
    const { page, workspace } = await loaded();
    workspace.setRetention.mockResolvedValueOnce(refused('FORBIDDEN'));
    page.retention.text = '30';
    await page.retention.save();
    expect(page.retention.error).toBe('FORBIDDEN');
    expect(page.retention.saving).toBe(false);
    expect(page.retention.saved).toBeNull();
  });
});
