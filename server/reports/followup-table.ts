/**
 * Commitments (counts only) and the support register as tables: one column per field, one row
 * per commitment activity or register entry. The CSV rows, the XLSX sheets and the PDF chapters
 * of a session report are all drawn from them, so they say the same.
 */
import type { CommitmentReport } from '../../shared/commitment.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { SessionReport } from '../../shared/report.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;
type RegisterEntry = SessionReport['supportRegister'][number];

export interface FollowUpColumn {
  header: string;
  kind: 'int' | 'text' | 'longText' | 'dateTime';
}
/** A figure, a text, a suppressed figure (the small-group text, never a number), or nothing. */
export type FollowUpCell = string | number | null | { placeholder: string };

export function commitmentColumns(t: Translate): FollowUpColumn[] {
  return [
    { header: t('report.sheet.column.position'), kind: 'int' },
    { header: t('report.sheet.column.activity'), kind: 'text' },
    { header: t('commitment.editor.mode'), kind: 'text' },
    { header: t('reportsall.commitment.written'), kind: 'int' },
    { header: t('reportsall.commitment.answered'), kind: 'int' },
    { header: t('commitment.outcome.done'), kind: 'int' },
    { header: t('commitment.outcome.started'), kind: 'int' },
    { header: t('commitment.outcome.notYet'), kind: 'int' },
  ];
}

/** A commitment activity's cells: what was written, or the follow-up's counts by answer (suppressed below the minimum). */
export function commitmentCells(t: Translate, entry: CommitmentReport): FollowUpCell[] {
  const lead = [entry.position, entry.title, t(`commitment.kind.${entry.mode}`)];
  if (entry.mode === 'write') return [...lead, entry.written, null, null, null, null];
  const suppressed = { placeholder: t('report.suppressed', { min: LIMITS.smallGroupMin }) };
  const { outcomes } = entry;
  const counts =
    outcomes === null || entry.suppressed ? [suppressed, suppressed, suppressed] : [outcomes.done, outcomes.started, outcomes.notYet];
  return [...lead, null, entry.answered, ...counts];
}

export function registerColumns(t: Translate): FollowUpColumn[] {
  return [
    { header: t('support.groupBy.kind'), kind: 'text' },
    { header: t('report.sala'), kind: 'text' },
    { header: t('reportsall.register.agencies'), kind: 'text' },
    { header: t('support.asked'), kind: 'longText' },
    { header: t('support.status'), kind: 'text' },
    { header: t('reportsall.register.note'), kind: 'longText' },
    { header: t('reportsall.register.updatedAt'), kind: 'dateTime' },
  ];
}

/** The label of an entry's kind ("Otros pedidos" when the sala ticked none). */
export function registerKind(t: Translate, entry: RegisterEntry): string {
  return entry.kind?.label ?? t('support.slide.noKind');
}

/** An entry's cells, in the columns' order; null where it says nothing (the date stays ISO: each format writes it its way). */
export function registerCells(t: Translate, entry: RegisterEntry): FollowUpCell[] {
  return [
    registerKind(t, entry),
    entry.salaName,
    entry.agencies.length > 0 ? entry.agencies.join(' · ') : null,
    entry.text === '' ? null : entry.text,
    t(`support.status.${entry.status}`),
    entry.note === '' ? null : entry.note,
    entry.updatedAt,
  ];
}

/** The register's entries grouped by kind, in order of first appearance. */
export function registerByKind(t: Translate, entries: RegisterEntry[]): Array<{ kind: string; entries: RegisterEntry[] }> {
  const groups = new Map<string, RegisterEntry[]>();
  for (const entry of entries) {
    const kind = registerKind(t, entry);
    groups.set(kind, [...(groups.get(kind) ?? []), entry]);
  }
  return [...groups].map(([kind, grouped]) => ({ kind, entries: grouped }));
}
