/**
 * The support register's rules (its shapes are in shared/support-register.ts): which entries a
 * submitted synthesis asks for, how a resubmission changes the entries already there, and what
 * a status change may carry. Pure: the service stores what these decide.
 */
import { AppError } from '../../shared/errors.ts';
import { SUPPORT_NOTE_MAX, SUPPORT_STATUSES, type SupportStatus } from '../../shared/support-register.ts';
import type { BreakoutActivity, SynthesisContent } from '../../shared/types.ts';

/** One thing a sala asked for: a kind it ticked (or none, when it only wrote), with its words. */
export interface SupportRequest {
  kindId: string | null;
  kindLabel: string | null;
  text: string;
}

/** An entry as the register keeps it (the part a resubmission may touch, and its follow-up). */
export interface StoredSupportEntry extends SupportRequest {
  id: string;
  sessionId: string;
  activityId: string;
  salaId: string;
  salaName: string;
  agencies: string[];
  status: SupportStatus;
  note: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * What a synthesis asks of Servicio Civil: for each guide question that offers support kinds,
 * one request per kind ticked among its options, each with the question's text field; a field
 * written with nothing ticked is one request of no kind. Blank text and nothing ticked: none.
 */
export function supportRequests(breakout: BreakoutActivity, content: SynthesisContent): SupportRequest[] {
  return breakout.questions.flatMap((question): SupportRequest[] => {
    const options = question.supportOptions ?? [];
    if (options.length === 0) return [];
    const text = (content.fields[question.id] ?? '').trim();
    const ticked = options.filter((option) => content.support.includes(option.id));
    if (ticked.length === 0) return text.length > 0 ? [{ kindId: null, kindLabel: null, text }] : [];
    return ticked.map((option) => ({ kindId: option.id, kindLabel: option.label, text }));
  });
}

/** Whether Servicio Civil has done anything with an entry yet. */
export const untouched = (entry: Pick<StoredSupportEntry, 'status' | 'note'>): boolean =>
  entry.status === 'recibido' && entry.note.length === 0;

export interface SupportChanges {
  insert: SupportRequest[];
  /** Entries whose kind is still asked for, with the sala's new words and agencies. */
  update: Array<{ id: string; text: string; kindLabel: string | null; agencies: string[] }>;
  remove: string[];
}

/**
 * A (re)submitted synthesis against the sala's entries already in the register: a kind still
 * ticked keeps its entry (status and note) with the new words; a new kind is a new entry; a kind
 * no longer ticked loses its entry only if Servicio Civil has not touched it — once it has a
 * status or a note, the follow-up stays in the register.
 */
export function reconcileSupport(
  existing: readonly StoredSupportEntry[],
  requests: readonly SupportRequest[],
  agencies: readonly string[],
): SupportChanges {
  const changes: SupportChanges = { insert: [], update: [], remove: [] };
  const byKind = new Map(existing.map((entry) => [entry.kindId, entry]));
  for (const request of requests) {
    const entry = byKind.get(request.kindId);
    if (!entry) changes.insert.push(request);
    else if (entry.text !== request.text || entry.kindLabel !== request.kindLabel || !sameList(entry.agencies, agencies))
      changes.update.push({ id: entry.id, text: request.text, kindLabel: request.kindLabel, agencies: [...agencies] });
  }
  const asked = new Set(requests.map((request) => request.kindId));
  for (const entry of existing) if (!asked.has(entry.kindId) && untouched(entry)) changes.remove.push(entry.id);
  return changes;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** The agencies of a sala: those its members said at join, each once, in the session's order. */
export function salaAgencies(sessionAgencies: readonly string[], memberAgencies: ReadonlyArray<string | null>): string[] {
  const said = new Set(memberAgencies.filter((agency): agency is string => agency !== null));
  return sessionAgencies.filter((agency) => said.has(agency));
}

/** A status change's note, trimmed; refused (VALIDATION_FAILED) when too long or the status unknown. */
export function checkedUpdate(status: string, note: string): { status: SupportStatus; note: string } {
  if (!(SUPPORT_STATUSES as readonly string[]).includes(status))
    throw new AppError('VALIDATION_FAILED', `No existe el estado «${status}».`, [{ path: '/status', message: 'unknown status' }]);
  const trimmed = note.trim();
  if (trimmed.length > SUPPORT_NOTE_MAX)
    throw new AppError('VALIDATION_FAILED', `La nota tiene más de ${SUPPORT_NOTE_MAX} caracteres.`, [
      { path: '/note', message: 'too long' },
    ]);
  return { status: status as SupportStatus, note: trimmed };
}
