/**
 * The "Retomando" slide made from the support register: for each kind of support the salas of
 * the previous session asked for, what they asked ("Lo que pidieron") and what Servicio Civil
 * did ("Lo que hicimos"). A plain content slide, which the facilitator may edit like any other.
 */
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { SupportStatus } from '../../shared/support-register.ts';
import type { Bullet, ContentActivity } from '../../shared/types.ts';

/** What the slide reads of an entry. */
export interface RegisterLine {
  kindId: string | null;
  kindLabel: string | null;
  text: string;
  status: SupportStatus;
  note: string;
}

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** How much of one sala's words a bullet quotes, so several fit on a projected line. */
const QUOTE_MAX = 90;

/** Cuts text at a word boundary to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const distinct = (values: string[]) => [...new Set(values.filter((value) => value.length > 0))];

/**
 * The slide, or null when nothing was asked. Two bullets per kind (the kind and how many salas
 * asked; then what they asked and what was done), in the order the kinds were first asked, as
 * many kinds as LIMITS.bulletsMax holds; each bullet within LIMITS.bulletTextMax.
 */
export function retomandoSlide(lines: readonly RegisterLine[], t: Translate): Omit<ContentActivity, 'id'> | null {
  if (lines.length === 0) return null;
  const kinds = new Map<string | null, RegisterLine[]>();
  for (const line of lines) kinds.set(line.kindId, [...(kinds.get(line.kindId) ?? []), line]);
  const bullets: Bullet[] = [...kinds.values()].slice(0, LIMITS.bulletsMax / 2).flatMap((group) => {
    const label = group[0]?.kindLabel ?? t('support.slide.noKind');
    const asked = distinct(group.map((line) => clip(line.text, QUOTE_MAX)));
    const done = distinct(group.map((line) => line.note));
    const statuses = distinct(group.map((line) => t(`support.status.${line.status}`)));
    const what = asked.length > 0 ? asked.map((quote) => `«${quote}»`).join(' · ') : t('support.slide.onlyTicked');
    const did = done.length > 0 ? done.join(' · ') : t('support.slide.statusOnly', { status: statuses.join(', ').toLowerCase() });
    return [
      { text: clip(t('support.slide.kind', { kind: label, n: group.length }), LIMITS.bulletTextMax), level: 0 },
      { text: clip(t('support.slide.askedDone', { asked: what, done: did }), LIMITS.bulletTextMax), level: 1 },
    ];
  });
  return {
    kind: 'content',
    section: t('support.slide.section'),
    title: t('support.slide.title'),
    bullets,
  };
}

/** Starts with "Retomando" (the seed's section), in any case. */
const RETOMANDO = /^retomando/i;

/**
 * Where the slide goes in the next session's agenda: first in its "Retomando" section (the
 * first activity whose section is the slide's or starts with "Retomando"); without one, after a
 * title slide that opens the agenda; else first.
 */
export function retomandoIndex(agenda: ReadonlyArray<{ kind: string; section?: string | undefined }>, section: string): number {
  const found = agenda.findIndex(
    (activity) => activity.section !== undefined && (activity.section === section || RETOMANDO.test(activity.section)),
  );
  if (found >= 0) return found;
  return agenda[0]?.kind === 'content' ? 1 : 0;
}

/** The agenda with the slide in its place (unchanged when there is none); refused past LIMITS.activitiesMax. */
export function withRetomandoSlide<A extends { kind: string; section?: string | undefined }>(
  agenda: readonly A[],
  slide: Omit<ContentActivity, 'id'> | null,
  newId: () => string,
): Array<A | ContentActivity> {
  if (!slide) return [...agenda];
  if (agenda.length >= LIMITS.activitiesMax)
    throw new AppError(
      'VALIDATION_FAILED',
      `La agenda ya tiene ${LIMITS.activitiesMax} actividades: no cabe la diapositiva del registro de apoyos.`,
    );
  const at = retomandoIndex(agenda, slide.section ?? '');
  return [...agenda.slice(0, at), { ...slide, id: newId() }, ...agenda.slice(at)];
}

/**
 * The session a "Retomando" follows up: the latest of the series created before `current`
 * that `readerAccountId` may read (null: an administrator, any), or null.
 */
export function previousInSeries<S extends { id: string; createdAt: number; ownerAccountId: string | null }>(
  seriesSessions: readonly S[],
  current: { id: string; createdAt: number },
  readerAccountId: string | null,
): S | null {
  const earlier = seriesSessions.filter(
    (s) => s.id !== current.id && s.createdAt <= current.createdAt && (readerAccountId === null || s.ownerAccountId === readerAccountId),
  );
  return earlier.at(-1) ?? null;
}
