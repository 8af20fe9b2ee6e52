/**
 * Experience cards as a table: one column per field, one row per card. The XLSX sheet and the
 * CSV rows of a session report, and the catalogue's exports, are all drawn from it.
 */
import type { ExperienceReport } from '../../shared/experience.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface ExperienceColumn {
  header: string;
  kind: 'int' | 'text' | 'longText';
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
