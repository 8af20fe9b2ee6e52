/**
 * The experience catalogue's rules: a stored card as the catalogue shows it, which cards a
 * query selects, and what the filters can choose from. Pure: the records come from storage.
 */
import type { CatalogueCard, CatalogueQuery } from '../../shared/experience-catalogue.ts';
import type { ExperienceApproach } from '../../shared/experience.ts';
import type { CatalogueRecord } from '../db/experience-repository.ts';

/** Lower case, no accents, spaces collapsed: "Gestión  EMOCIONAL" and "gestion emocional" compare equal. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase('es-CL')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A card told as "both" serves a search for preventive or for reactive measures too. */
const approachMatches = (wanted: ExperienceApproach, card: ExperienceApproach) => card === wanted || card === 'both';

/** Whether one card meets every filter the query gives; a blank search selects everything. */
export function matchesQuery(record: CatalogueRecord, query: CatalogueQuery): boolean {
  const { card } = record;
  if (query.agency !== undefined && foldText(card.agency) !== foldText(query.agency)) return false;
  if (query.axis !== undefined && !card.axes.includes(query.axis)) return false;
  if (query.approach !== undefined && !approachMatches(query.approach, card.approach)) return false;
  if (query.seriesId !== undefined && record.series?.id !== query.seriesId) return false;
  const words = foldText(query.q ?? '')
    .split(' ')
    .filter((word) => word !== '');
  if (words.length === 0) return true;
  const haystack = foldText([card.name, card.lesson ?? '', card.agency, card.reach?.unit ?? ''].join(' \n '));
  return words.every((word) => haystack.includes(word));
}

export function filterCatalogue(records: readonly CatalogueRecord[], query: CatalogueQuery): CatalogueRecord[] {
  return records.filter((record) => matchesQuery(record, query));
}

/** The agencies (as first written, one per folded name, sorted) and series the readable cards come from. */
export function catalogueFacets(records: readonly CatalogueRecord[]): {
  agencies: string[];
  series: Array<{ id: string; title: string }>;
} {
  const agencies = new Map<string, string>();
  const series = new Map<string, { id: string; title: string }>();
  for (const record of records) {
    const key = foldText(record.card.agency);
    if (!agencies.has(key)) agencies.set(key, record.card.agency);
    if (record.series) series.set(record.series.id, record.series);
  }
  const byText = (a: string, b: string) => a.localeCompare(b, 'es-CL');
  return {
    agencies: [...agencies.values()].sort(byText),
    series: [...series.values()].sort((a, b) => byText(a.title, b.title)),
  };
}

/** The card as the catalogue shows it: the contact only with the writer's opt-in, never the author. */
export function catalogueCard(record: CatalogueRecord): CatalogueCard {
  const { card } = record;
  return {
    sessionId: record.sessionId,
    sessionTitle: record.sessionTitle,
    sessionDate: new Date(record.sessionCreatedAt).toISOString(),
    series: record.series,
    activityId: record.activityId,
    id: record.id,
    agency: card.agency,
    name: card.name,
    axes: [...card.axes],
    approach: card.approach,
    reach: card.reach,
    since: card.since,
    lesson: card.lesson,
    contact: card.contact.optIn ? { unit: card.contact.unit, email: card.contact.email } : null,
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

/** The filters an export was made with, for its audit entry: only those given, no card content. */
export function queryDetail(query: CatalogueQuery): Record<string, string> {
  const detail: Record<string, string> = {};
  for (const key of ['agency', 'axis', 'approach', 'seriesId', 'q'] as const) {
    const value = query[key];
    if (value !== undefined && value !== '') detail[key] = value;
  }
  return detail;
}
