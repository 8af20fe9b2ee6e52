import { describe, expect, it, vi } from 'vitest';
import type { SupportEntry } from '../../../shared/support-register.ts';
import type { Outcome } from '../../../client/src/lib/api.ts';
import { groupSupport, SupportPage, supportQuery, type SupportApi } from '../../../client/src/lib/support-page.svelte.ts';
import { FACILITATOR, fakePort } from './workspace-fakes.ts';

const entry = (id: string, over: Partial<SupportEntry> = {}): SupportEntry => ({
  id,
  sessionId: 's1',
  sessionTitle: 'Sesión 1',
  series: null,
  salaName: 'Sala 1',
  kind: { id: 'formacion', label: 'Formación' },
  text: 'Talleres',
  agencies: [],
  status: 'recibido',
  note: '',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

const ENTRIES = [
  entry('a', { agencies: ['IPS', 'SII'] }),
  entry('b', { kind: null, agencies: ['SII'] }),
  entry('c', { kind: { id: 'redes', label: 'Generación de redes' } }),
];

function setup(list: () => Outcome<SupportEntry[]> = () => ({ ok: true, data: ENTRIES })) {
  const fake = fakePort({ me: FACILITATOR });
  const api = {
    list: vi.fn<SupportApi['list']>(async () => list()),
    update: vi.fn<SupportApi['update']>(async (id, body) => ({ ok: true, data: entry(id, { ...body, note: body.note.trim() }) })),
  };
  return { page: new SupportPage(fake.port, api), api };
}

describe('groupSupport', () => {
  it('groups by kind in the order met, entries of no kind last', () => {
    expect(groupSupport(ENTRIES, 'kind').map((g) => [g.label, g.entries.map((e) => e.id)])).toEqual([
      ['Formación', ['a']],
      ['Generación de redes', ['c']],
      [null, ['b']],
    ]);
  });

  it('groups by agency, an entry under each agency it names, those with none last', () => {
    expect(groupSupport(ENTRIES, 'agency').map((g) => [g.key, g.entries.map((e) => e.id)])).toEqual([
      ['IPS', ['a']],
      ['SII', ['a', 'b']],
      [null, ['c']],
    ]);
  });
});

describe('supportQuery', () => {
  it('leaves out empty filters', () => {
    expect(supportQuery({ seriesId: '', status: '' })).toBe('');
    expect(supportQuery({ seriesId: 'r1', status: 'en-curso' })).toBe('?seriesId=r1&status=en-curso');
  });
});

describe('SupportPage', () => {
  it('loads the entries with a form each, and applies the filters', async () => {
    const { page, api } = setup();
    await page.load();
    expect(page.screen).toEqual({ kind: 'ready', account: FACILITATOR });
    expect(page.drafts.a).toEqual({ status: 'recibido', note: '', saving: false, outcome: null });
    page.filters.status = 'entregado';
    await page.apply();
    expect(api.list).toHaveBeenLastCalledWith({ seriesId: '', status: 'entregado' });
  });

  it('saves an entry’s status and note and keeps the server’s answer; a refusal stays beside the entry', async () => {
    const { page, api } = setup();
    await page.load();
    page.drafts.a!.status = 'en-curso';
    page.drafts.a!.note = ' Curso en marzo ';
    await page.save('a');
    expect(api.update).toHaveBeenCalledWith('a', { status: 'en-curso', note: ' Curso en marzo ' });
    expect(page.drafts.a).toMatchObject({ note: 'Curso en marzo', outcome: 'saved' });
    expect(page.entries.find((e) => e.id === 'a')?.status).toBe('en-curso');
    api.update.mockResolvedValueOnce({ ok: false, code: 'FORBIDDEN' });
    await page.save('b');
    expect(page.drafts.b?.outcome).toBe('FORBIDDEN');
  });

  it('says when the list cannot be loaded', async () => {
    const { page } = setup(() => ({ ok: false, code: 'OFFLINE' }));
    await page.load();
    expect(page.screen).toEqual({ kind: 'failed', code: 'OFFLINE' });
  });
});
