import { describe, expect, it } from 'vitest';
import type { CatalogueRecord } from '../../../server/db/experience-repository.ts';
import { catalogueCard, catalogueFacets, filterCatalogue, foldText, queryDetail } from '../../../server/domain/experience-catalogue.ts';
import type { ExperienceCardInput } from '../../../shared/experience.ts';

const series = { id: 'serie-1', title: 'Bienestar 2026' };

function record(id: string, card: Partial<ExperienceCardInput>, inSeries = true): CatalogueRecord {
  return {
    activityId: 'act',
    id,
    sessionId: 's1',
    salaId: null,
    authorId: 'p1',
    card: {
      agency: 'Instituto de Previsión Social',
      name: 'Plan Conversa',
      axes: ['promocion'],
      approach: 'preventive',
      reach: null,
      since: null,
      lesson: null,
      contact: { optIn: false },
      ...card,
    },
    createdAt: Date.UTC(2026, 10, 20, 12),
    updatedAt: Date.UTC(2026, 10, 20, 12),
    sessionTitle: 'Sesión 1',
    sessionCreatedAt: Date.UTC(2026, 10, 20, 11),
    series: inSeries ? series : null,
  };
}

const ips = record('ips', {
  name: 'Plan IPS Conversa, Contiene y Cobija',
  axes: ['promocion', 'servicios'],
  approach: 'both',
  reach: { count: 1332, unit: 'personas funcionarias' },
  lesson: 'Contener primero, derivar después.',
});
const sii = record(
  'sii',
  { agency: 'Servicio de Impuestos Internos', name: 'Pausas activas', axes: ['liderazgo'], approach: 'reactive' },
  false,
);
const fonasa = record('fonasa', { agency: 'FONASA', name: 'Mesa de salud mental', axes: ['normativo'], approach: 'preventive' });
const all = [ips, sii, fonasa];
const ids = (records: CatalogueRecord[]) => records.map((r) => r.id);

describe('the catalogue filter', () => {
  it('selects everything without filters, and with a blank search', () => {
    expect(ids(filterCatalogue(all, {}))).toEqual(['ips', 'sii', 'fonasa']);
    expect(ids(filterCatalogue(all, { q: '   ' }))).toEqual(['ips', 'sii', 'fonasa']);
  });

  it('matches the agency whatever its case and accents', () => {
    expect(ids(filterCatalogue(all, { agency: 'instituto de prevision social' }))).toEqual(['ips']);
    expect(ids(filterCatalogue(all, { agency: 'Instituto' }))).toEqual([]);
  });

  it('matches an axis among the card’s axes', () => {
    expect(ids(filterCatalogue(all, { axis: 'servicios' }))).toEqual(['ips']);
    expect(ids(filterCatalogue(all, { axis: 'informacion' }))).toEqual([]);
  });

  it('counts a card that is both as preventive and as reactive; "both" selects only those', () => {
    expect(ids(filterCatalogue(all, { approach: 'preventive' }))).toEqual(['ips', 'fonasa']);
    expect(ids(filterCatalogue(all, { approach: 'reactive' }))).toEqual(['ips', 'sii']);
    expect(ids(filterCatalogue(all, { approach: 'both' }))).toEqual(['ips']);
  });

  it('selects a series’ cards; cards without series are left out', () => {
    expect(ids(filterCatalogue(all, { seriesId: 'serie-1' }))).toEqual(['ips', 'fonasa']);
    expect(ids(filterCatalogue(all, { seriesId: 'otra' }))).toEqual([]);
  });

  it('searches every word in the name, lesson, agency and reach unit, ignoring case and accents', () => {
    expect(ids(filterCatalogue(all, { q: 'DERIVAR' }))).toEqual(['ips']);
    expect(ids(filterCatalogue(all, { q: 'funcionarias' }))).toEqual(['ips']);
    expect(ids(filterCatalogue(all, { q: 'impuestos' }))).toEqual(['sii']);
    expect(ids(filterCatalogue(all, { q: 'prevision  conversa' }))).toEqual(['ips']);
    expect(ids(filterCatalogue(all, { q: 'conversa pausas' }))).toEqual([]);
    // Not searched: the session's title.
    expect(ids(filterCatalogue(all, { q: 'Sesión' }))).toEqual([]);
  });

  it('combines filters: all of them must hold', () => {
    expect(ids(filterCatalogue(all, { approach: 'preventive', seriesId: 'serie-1', q: 'mesa' }))).toEqual(['fonasa']);
    expect(ids(filterCatalogue(all, { approach: 'reactive', axis: 'normativo' }))).toEqual([]);
  });
});

describe('the catalogue card', () => {
  it('carries the contact only with the opt-in, and never the author', () => {
    const opted = record('c', { contact: { optIn: true, unit: 'Unidad de Calidad de Vida', email: 'cv@ips.gob.cl' } });
    expect(catalogueCard(opted).contact).toEqual({ unit: 'Unidad de Calidad de Vida', email: 'cv@ips.gob.cl' });
    expect(catalogueCard(ips).contact).toBeNull();
    expect(JSON.stringify(catalogueCard(opted))).not.toContain('p1');
    expect(catalogueCard(ips)).toMatchObject({ sessionTitle: 'Sesión 1', sessionDate: '2026-11-20T11:00:00.000Z', series });
  });

  it('lists each agency once (as first written) and each series, sorted', () => {
    const twice = record('again', { agency: 'INSTITUTO DE PREVISIÓN SOCIAL' });
    expect(catalogueFacets([...all, twice])).toEqual({
      agencies: ['FONASA', 'Instituto de Previsión Social', 'Servicio de Impuestos Internos'],
      series: [series],
    });
  });

  it('folds text and records only the filters given', () => {
    expect(foldText('  Gestión   EMOCIONAL ')).toBe('gestion emocional');
    expect(queryDetail({ axis: 'promocion', q: '' })).toEqual({ axis: 'promocion' });
  });
});
