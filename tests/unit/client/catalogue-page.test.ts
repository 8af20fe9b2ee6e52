import { describe, expect, it, vi } from 'vitest';
import type { CatalogueCard, CatalogueList } from '../../../shared/experience-catalogue.ts';
import type { Outcome } from '../../../client/src/lib/api.ts';
import { CataloguePage, NO_FILTERS, cardKey, catalogueQuery, type CatalogueApi } from '../../../client/src/lib/catalogue-page.svelte.ts';
import { FACILITATOR, fakePort } from './workspace-fakes.ts';

const card = (id: string): CatalogueCard => ({
  sessionId: 's1',
  sessionTitle: 'Sesión 1',
  sessionDate: '2026-11-20T11:00:00.000Z',
  series: null,
  activityId: 'a1',
  id,
  agency: 'IPS',
  name: `Iniciativa ${id}`,
  axes: ['promocion'],
  approach: 'both',
  reach: null,
  since: null,
  lesson: null,
  contact: null,
  createdAt: '2026-11-20T11:30:00.000Z',
});

function setup(
  list: () => Outcome<CatalogueList> = () => ({ ok: true, data: { cards: [card('x'), card('y')], agencies: ['IPS'], series: [] } }),
) {
  const fake = fakePort({ me: FACILITATOR });
  const api = { list: vi.fn<CatalogueApi['list']>(async () => list()) };
  return { page: new CataloguePage(fake.port, api), api };
}

describe('catalogueQuery', () => {
  it('leaves out empty filters and a blank search, and trims the search', () => {
    expect(catalogueQuery(NO_FILTERS)).toBe('');
    expect(catalogueQuery({ ...NO_FILTERS, q: '   ' })).toBe('');
    expect(
      catalogueQuery({ agency: 'Instituto de Previsión Social', axis: 'promocion', approach: 'reactive', seriesId: 'r1', q: ' pausas ' }),
    ).toBe('?agency=Instituto+de+Previsi%C3%B3n+Social&axis=promocion&approach=reactive&seriesId=r1&q=pausas');
  });
});

describe('CataloguePage', () => {
  it('loads the cards, and exports with the filters of the list shown, not those being typed', async () => {
    const { page, api } = setup();
    await page.load();
    expect(page.screen.kind).toBe('ready');
    expect(page.list.cards.map((c) => c.id)).toEqual(['x', 'y']);
    expect(page.filtered).toBe(false);
    page.filters.approach = 'preventive';
    expect(page.exportHref('csv')).toBe('/api/experiences.csv');
    await page.apply();
    expect(api.list).toHaveBeenLastCalledWith({ ...NO_FILTERS, approach: 'preventive' });
    expect(page.exportHref('xlsx')).toBe('/api/experiences.xlsx?approach=preventive');
    expect(page.filtered).toBe(true);
    await page.clear();
    expect(page.filters).toEqual(NO_FILTERS);
    expect(page.exportHref('csv')).toBe('/api/experiences.csv');
  });

  it('shows the selected card while it is listed', async () => {
    const { page } = setup();
    await page.load();
    page.selected = cardKey(card('y'));
    expect(page.card?.id).toBe('y');
    page.selected = 's1/a1/gone';
    expect(page.card).toBeNull();
  });

  it('keeps the answer to the latest filters when an older one arrives after it', async () => {
    const { page, api } = setup();
    await page.load();
    const answers: Array<(outcome: Outcome<CatalogueList>) => void> = [];
    api.list.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    page.filters.axis = 'liderazgo';
    const first = page.apply();
    page.filters.axis = 'normativo';
    const second = page.apply();
    answers[1]!({ ok: true, data: { cards: [card('new')], agencies: [], series: [] } });
    answers[0]!({ ok: true, data: { cards: [card('old')], agencies: [], series: [] } });
    await Promise.all([first, second]);
    expect(page.list.cards.map((c) => c.id)).toEqual(['new']);
    expect(page.exportHref('csv')).toBe('/api/experiences.csv?axis=normativo');
  });

  it('says why when the list cannot be loaded', async () => {
    const { page } = setup(() => ({ ok: false, code: 'OFFLINE' }));
    await page.load();
    expect(page.screen).toEqual({ kind: 'failed', code: 'OFFLINE' });
  });
});
