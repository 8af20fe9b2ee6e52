import { describe, expect, it } from 'vitest';
import { SessionPage } from '../../../client/src/lib/session-page.svelte.ts';
import { NEW_SERIES } from '../../../client/src/lib/workspace.ts';
import { ADMIN, details, fakePort, listing, refused } from './workspace-fakes.ts';

const SERIES = { id: 'r1', title: 'Bien-Estar 2026', createdAt: 1, sessions: 1 };
const SESSION = details('s1', { title: 'Bien-Estar · sesión 1', code: '123456', seriesId: 'r1', agencies: ['IPS'], namesInReports: true });

async function loaded(start: Parameters<typeof fakePort>[0] = {}) {
  const fake = fakePort({ details: [SESSION], series: [SERIES], sessions: [listing('s1', { participants: 14 })], ...start });
  const page = new SessionPage(fake.port, 's1');
  await page.load();
  return { ...fake, page };
}

describe('SessionPage.load', () => {
  it('shows the session, its series, its participants, and fills the forms', async () => {
    const { page } = await loaded();
    expect(page.screen).toEqual({ kind: 'ready', account: ADMIN });
    expect(page.details).toEqual(SESSION);
    expect(page.seriesTitle).toBe('Bien-Estar 2026');
    expect(page.listing?.participants).toBe(14);
    expect(page.phase).toBe('open');
    expect(page.form.fields.title).toBe('Bien-Estar · sesión 1');
    expect(page.form.fields.series).toBe('r1');
    expect(page.form.dirty).toBe(false);
    expect(page.nextTitle).toBe('Bien-Estar · sesión 2');
  });

  it('tells a session it may not see from one that does not exist', async () => {
    const forbidden = fakePort();
    forbidden.workspace.details.mockResolvedValueOnce(refused('FORBIDDEN'));
    const page = new SessionPage(forbidden.port, 's1');
    await page.load();
    expect(page.screen).toEqual({ kind: 'forbidden', account: ADMIN });
    expect(page.account).toEqual(ADMIN);
    for (const code of ['NOT_FOUND', 'SESSION_NOT_FOUND', 'VALIDATION_FAILED'] as const) {
      const fake = fakePort();
      fake.workspace.details.mockResolvedValueOnce(refused(code));
      const missing = new SessionPage(fake.port, 'x');
      await missing.load();
      expect(missing.screen, code).toEqual({ kind: 'missing' });
    }
  });

  it('sends an expired sign-in to sign in, and keeps other failures to retry', async () => {
    const { page, navigations } = await loaded({ me: null });
    expect(page.screen.kind).toBe('loading');
    expect(navigations).toEqual([{ href: '/signin', replace: true }]);
    const fake = fakePort({ details: [SESSION] });
    fake.workspace.details.mockResolvedValueOnce(refused('UNAUTHORIZED')).mockResolvedValueOnce(refused('OFFLINE'));
    const retried = new SessionPage(fake.port, 's1');
    await retried.load();
    expect(fake.navigations).toEqual([{ href: '/signin', replace: true }]);
    await retried.load();
    expect(retried.screen).toEqual({ kind: 'failed', code: 'OFFLINE' });
    await retried.load();
    expect(retried.screen.kind).toBe('ready');
  });
});

describe('the console link', () => {
  it('uses this tab’s token, or asks the server for a new link and opens it', async () => {
    const fake = fakePort({ details: [SESSION] });
    fake.tokens.set('s1', 'kept-token');
    expect(new SessionPage(fake.port, 's1').token).toBe('kept-token');

    const { page, workspace, tokens, navigations } = await loaded();
    expect(page.token).toBeNull();
    await page.openConsole();
    expect(workspace.facilitatorLink).toHaveBeenCalledWith('s1');
    expect(page.token).toBe('token-s1');
    expect(tokens.get('s1')).toBe('token-s1');
    expect(navigations).toEqual([{ href: '/facilitate/s1#token=token-s1', replace: false }]);
  });

  it('keeps the refusal', async () => {
    const { page, workspace, navigations } = await loaded();
    workspace.facilitatorLink.mockResolvedValueOnce(refused('FORBIDDEN'));
    await page.openConsole();
    expect(page.openError).toBe('FORBIDDEN');
    expect(page.opening).toBe(false);
    expect(navigations).toEqual([]);
  });
});

describe('DetailsForm', () => {
  it('saves only what changed, and says so until something changes', async () => {
    const { page, workspace } = await loaded();
    expect(page.form.canSave).toBe(false);
    page.form.fields.title = 'Bien-Estar · sesión 1 (IPS)';
    page.form.fields.agenciesText = 'IPS\nFONASA';
    expect(page.form.canSave).toBe(true);
    await page.form.save();
    expect(workspace.saveDetails).toHaveBeenCalledWith('s1', {
      title: 'Bien-Estar · sesión 1 (IPS)',
      seriesId: 'r1',
      agencies: ['IPS', 'FONASA'],
      namesInReports: true,
      locale: 'es-CL',
    });
    expect(page.details?.title).toBe('Bien-Estar · sesión 1 (IPS)');
    expect(page.form.saved).toBe(true);
    expect(page.form.canSave).toBe(false);
    // Any change hides it; typing in the title, even back to the saved one, too.
    page.form.fields.namesInReports = false;
    expect(page.form.saved).toBe(false);
    page.form.fields.namesInReports = true;
    expect(page.form.saved).toBe(true);
    page.form.edited();
    expect(page.form.saved).toBe(false);
  });

  it('creates a new series on the way and lists it', async () => {
    const { page, workspace } = await loaded();
    page.form.fields.series = NEW_SERIES;
    page.form.fields.newSeriesTitle = 'Serie nueva';
    await page.form.save();
    const created = workspace.createSeries.mock.results[0];
    expect(created).toBeDefined();
    expect(page.series[0]?.title).toBe('Serie nueva');
    expect(workspace.saveDetails).toHaveBeenCalledWith('s1', expect.objectContaining({ seriesId: page.series[0]!.id }));
    expect(page.seriesTitle).toBe('Serie nueva');
  });

  it('keeps the refusal and the typed fields', async () => {
    const { page, workspace } = await loaded();
    workspace.saveDetails.mockResolvedValueOnce(refused('VALIDATION_FAILED'));
    page.form.fields.title = 'Otro título';
    await page.form.save();
    expect(page.form.error).toBe('VALIDATION_FAILED');
    expect(page.form.saved).toBe(false);
    expect(page.form.fields.title).toBe('Otro título');
    expect(page.details?.title).toBe(SESSION.title);
  });
});

describe('the next session', () => {
  it('starts with this agenda, series, agencies and report setting, and opens its console', async () => {
    const { page, workspace, navigations } = await loaded();
    page.nextTitle = '  Bien-Estar · sesión 2 ';
    await page.continueSeries();
    expect(workspace.createSession).toHaveBeenCalledWith({
      title: 'Bien-Estar · sesión 2',
      fromSessionId: 's1',
      retomandoFromRegister: true,
      seriesId: 'r1',
      agencies: ['IPS'],
      namesInReports: true,
    });
    expect(navigations).toHaveLength(1);
  });

  it('leaves the support register out of its Retomando when unticked', async () => {
    const { page, workspace } = await loaded();
    page.fromRegister = false;
    await page.continueSeries();
    expect(workspace.createSession).toHaveBeenCalledWith(expect.objectContaining({ retomandoFromRegister: false }));
  });

  it('sends nothing without a title, and keeps a refusal', async () => {
    const { page, workspace } = await loaded();
    page.nextTitle = '  ';
    await page.continueSeries();
    expect(workspace.createSession).not.toHaveBeenCalled();
    workspace.createSession.mockResolvedValueOnce(refused('RATE_LIMITED'));
    page.nextTitle = 'Sesión 2';
    await page.continueSeries();
    expect(page.continueError).toBe('RATE_LIMITED');
  });
});

describe('DeleteSession', () => {
  it('deletes only once the join code is typed, forgets the token and goes back to the list', async () => {
    const { page, workspace, tokens, navigations } = await loaded();
    tokens.set('s1', 'kept-token');
    page.deletion.start();
    expect(page.deletion.open).toBe(true);
    page.deletion.typed = '123 45';
    await page.deletion.confirm();
    expect(workspace.deleteSession).not.toHaveBeenCalled();
    page.deletion.typed = '123 456';
    expect(page.deletion.confirmed).toBe(true);
    await page.deletion.confirm();
    expect(workspace.deleteSession).toHaveBeenCalledWith('s1');
    expect(tokens.has('s1')).toBe(false);
    expect(navigations).toEqual([{ href: '/sessions', replace: false }]);
  });

  it('counts a session already gone as deleted, and keeps any other refusal', async () => {
    const gone = await loaded();
    gone.workspace.deleteSession.mockResolvedValueOnce(refused('SESSION_NOT_FOUND'));
    gone.page.deletion.typed = '123456';
    await gone.page.deletion.confirm();
    expect(gone.navigations).toEqual([{ href: '/sessions', replace: false }]);

    const { page, workspace, navigations } = await loaded();
    workspace.deleteSession.mockResolvedValueOnce(refused('FORBIDDEN'));
    page.deletion.typed = '123456';
    await page.deletion.confirm();
    expect(page.deletion.error).toBe('FORBIDDEN');
    expect(navigations).toEqual([]);
  });

  it('forgets the typed code when cancelled', async () => {
    const { page } = await loaded();
    page.deletion.start();
    page.deletion.typed = '123456';
    page.deletion.cancel();
    expect(page.deletion.open).toBe(false);
    expect(page.deletion.typed).toBe('');
    expect(page.deletion.confirmed).toBe(false);
  });
});
