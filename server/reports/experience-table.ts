/**
 * Experience cards as a table: one column per field, one row per card. The XLSX sheet and the
 * CSV rows of a session report, and the catalogue's exports, are all drawn from it.
 */
import type { CatalogueCard } from '../../shared/experience-catalogue.ts';
import type { ExperienceReport } from '../../shared/experience.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface ExperienceColumn {
  header: string;
  kind: 'int' | 'text' | 'longText' | 'date';
}

export function experienceColumns(t: Translate): ExperienceColumn[] {
  return [
    { header: t('report.sala'), kind: 'text' },
    { header: t('experience.field.agency'), kind: 'text' },
    { header: t('experience.field.name'), kind: 'text' },
    { header: t('experience.field.axes'), kind: 'text' },
    { header: t('experience.field.approach'), kind: 'text' },
    { header: t('experience.field.reachCount'), kind: 'int' },
    { header: t('experience.field.reachUnit'), kind: 'text' },
    { header: t('experience.field.since'), kind: 'text' },
    { header: t('experience.field.lesson'), kind: 'longText' },
    { header: t('experience.field.contactUnit'), kind: 'text' },
    { header: t('experience.field.contactEmail'), kind: 'text' },
  ];
}

/** A card's cells, in the columns' order; null where the card says nothing. */
export function experienceCells(t: Translate, card: ExperienceReport): Array<string | number | null> {
  const since = card.since
    ? card.since.month === null
      ? String(card.since.year)
      : `${card.since.year}-${String(card.since.month).padStart(2, '0')}`
    : null;
  return [
    card.salaName,
    card.agency,
    card.name,
    card.axes.map((axis) => t(`experience.axis.${axis}` as MessageKey)).join(' · '),
    t(`experience.approach.${card.approach}`),
    card.reach?.count ?? null,
    card.reach?.unit ?? null,
    since,
    card.lesson,
    card.contact?.unit ?? null,
    card.contact?.email ?? null,
  ];
}

/** The catalogue's columns: the session, its date and series, then a card's (no sala: the catalogue lists cards across sessions). */
export function catalogueColumns(t: Translate): ExperienceColumn[] {
  return [
    { header: t('report.session'), kind: 'text' },
    { header: t('report.date'), kind: 'date' },
    { header: t('report.series'), kind: 'text' },
    ...experienceColumns(t).slice(1),
  ];
}

/** A catalogue card's cells, in catalogueColumns' order; the session's date as `date` writes it (ISO text for CSV, a Date for XLSX). */
export function catalogueCells<D extends string | Date>(
  t: Translate,
  card: CatalogueCard,
  date: (iso: string) => D,
): Array<D | string | number | null> {
  const { sessionTitle, sessionDate, series, ...rest } = card;
  return [sessionTitle, date(sessionDate), series?.title ?? null, ...experienceCells(t, { ...rest, position: 0, salaName: null }).slice(1)];
}
