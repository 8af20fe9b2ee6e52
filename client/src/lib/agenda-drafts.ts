/**
 * Pure helpers of the agenda editor: a new activity of each kind, the checks the form makes
 * before saving (the same limits as the server's schemas, from shared/limits.ts), and the
 * small index arithmetic of reordering. No Svelte, no socket: tested on their own.
 */
import { AXES } from '../../../shared/axes.ts';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { isQuestion } from '../../../shared/agenda.ts';
import type {
  Activity,
  ActivityDraft,
  ActivityKind,
  ActivityResults,
  Bullet,
  GuideQuestion,
  Option,
  QuestionActivity,
} from '../../../shared/types.ts';

/** Every kind the editor can add, in the order the "add" menu lists them. */
export const ACTIVITY_KINDS = [
  'content',
  'choice',
  'rating',
  'ranking',
  'points',
  'open',
  'qa',
  'breakout',
  'synthesis',
  'commitment',
  'experience',
] as const satisfies readonly ActivityKind[];

/** Bounds of the numeric settings, as the server's schemas state them (seconds where timed). */
export const BOUNDS = {
  openLength: { min: 10, max: LIMITS.openTextMax },
  openPerPerson: { min: 1, max: LIMITS.openAnswersPerPersonMax },
  salaCount: { min: 1, max: LIMITS.salasMax },
  salaSize: { min: 2, max: LIMITS.salaSizeMax },
  discussionSeconds: { min: 60, max: LIMITS.phaseSecondsMax },
  returnSeconds: { min: 10, max: 3600 },
  synthesisSeconds: { min: 60, max: LIMITS.phaseSecondsMax },
  pointsBudget: { min: 1, max: LIMITS.pointsBudgetMax },
} as const;

/** The texts a new activity starts with, in the facilitator's language. */
export interface DraftTexts {
  title: Record<ActivityKind, string>;
  /** "Opción {n}". */
  option: (n: number) => string;
  minLabel: string;
  maxLabel: string;
  question: string;
}

/** The five axes as rating items (stable ids, so sessions of a series compare). */
export function axisItems(): Option[] {
  return AXES.map(({ id, label }) => ({ id, label }));
}

/** A new activity of a kind, ready to insert: valid as it is, so it is saved at once. */
export function defaultDraft(kind: ActivityKind, texts: DraftTexts, newId: () => string): ActivityDraft {
  const title = texts.title[kind];
  switch (kind) {
    case 'content':
      return { kind, title, bullets: [] };
    case 'choice':
      return { kind, title, multiple: false, options: [1, 2].map((n) => ({ id: newId(), label: texts.option(n) })) };
    case 'rating':
      return { kind, title, items: axisItems(), minLabel: texts.minLabel, maxLabel: texts.maxLabel };
    case 'ranking':
      return { kind, title, items: axisItems() };
    case 'points':
      return { kind, title, items: axisItems(), budget: LIMITS.pointsBudgetDefault };
    case 'open':
      return { kind, title, maxLength: 200, maxPerPerson: 3, display: 'cloud' };
    case 'breakout':
      return {
        kind,
        title,
        instructions: [],
        sizing: { by: 'size', size: 6 },
        mode: 'random',
        questions: [{ id: newId(), text: texts.question }],
        discussionSeconds: 40 * 60,
        returnSeconds: 90,
      };
    case 'synthesis':
      return { kind, title, seconds: 5 * 60 };
    case 'commitment':
      return { kind, title, mode: 'write' };
    case 'qa':
      return { kind, title, maxLength: 200, moderated: false, openAllSession: false };
    case 'experience':
      return { kind, title };
  }
}

/** Where "add" puts a new activity: right after the selected one, else at the end. */
export function insertionIndex(agenda: readonly Activity[], selectedId: string | null): number {
  const index = selectedId === null ? -1 : agenda.findIndex((activity) => activity.id === selectedId);
  return index < 0 ? agenda.length : index + 1;
}

/** The index to move an activity to, one place up (-1) or down (+1); null at either end. */
export function stepTarget(agenda: readonly Activity[], activityId: string, delta: -1 | 1): number | null {
  const index = agenda.findIndex((activity) => activity.id === activityId);
  if (index < 0) return null;
  const target = index + delta;
  return target < 0 || target >= agenda.length ? null : target;
}

/**
 * The `toIndex` of `agenda:move` for a drop: the server takes the activity out first, then
 * inserts it at toIndex, so dropping below one's own place counts one less.
 */
export function dropTarget(fromIndex: number, overIndex: number, after: boolean): number {
  const slot = after ? overIndex + 1 : overIndex;
  return slot > fromIndex ? slot - 1 : slot;
}

/** The activity as the server knows it, minus its id (for insert payloads and exports). */
export function withoutId(activity: Activity): ActivityDraft {
  const { id: _id, ...draft } = activity;
  return draft as ActivityDraft;
}

/** One thing the form must fix before saving: which field, and the message for it. */
export interface FieldProblem {
  /** "title", "options.2", "questions.0", "options" (the list itself), … */
  field: string;
  key: MessageKey;
  params?: MessageParams;
}

const blank = (text: string | undefined): boolean => text !== undefined && text.trim().length === 0;

function checkText(problems: FieldProblem[], field: string, text: string, max: number, required: boolean): void {
  if (required && text.trim().length === 0) problems.push({ field, key: 'agenda.problem.required' });
  else if (text.length > max) problems.push({ field, key: 'agenda.problem.tooLong', params: { max } });
}

function checkNumber(problems: FieldProblem[], field: string, value: number, bounds: { min: number; max: number }, scale = 1): void {
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    problems.push({
      field,
      key: 'agenda.problem.range',
      params: { min: Math.ceil(bounds.min / scale), max: Math.floor(bounds.max / scale) },
    });
  }
}

function checkList(problems: FieldProblem[], field: string, list: readonly Option[], min: number, max: number): void {
  if (list.length < min) problems.push({ field, key: 'agenda.problem.fewItems', params: { min } });
  if (list.length > max) problems.push({ field, key: 'agenda.problem.manyItems', params: { max } });
  const seen = new Set<string>();
  list.forEach((item, index) => {
    checkText(problems, `${field}.${index}`, item.label, LIMITS.optionLabelMax, true);
    const label = item.label.trim().toLocaleLowerCase('es');
    if (label.length > 0 && seen.has(label)) problems.push({ field: `${field}.${index}`, key: 'agenda.problem.repeated' });
    seen.add(label);
  });
}

function checkBullets(problems: FieldProblem[], field: string, bullets: readonly Bullet[]): void {
  if (bullets.length > LIMITS.bulletsMax) problems.push({ field, key: 'agenda.problem.manyItems', params: { max: LIMITS.bulletsMax } });
  bullets.forEach((bullet, index) => checkText(problems, `${field}.${index}`, bullet.text, LIMITS.bulletTextMax, true));
}

function checkQuestions(problems: FieldProblem[], questions: readonly GuideQuestion[]): void {
  if (questions.length > LIMITS.guideQuestionsMax)
    problems.push({ field: 'questions', key: 'agenda.problem.manyItems', params: { max: LIMITS.guideQuestionsMax } });
  questions.forEach((question, index) => checkText(problems, `questions.${index}`, question.text, LIMITS.activityTitleMax, true));
}

/**
 * What keeps an activity from being saved, field by field: the server's schema limits, plus
 * no empty or repeated labels. An empty list means it can be sent.
 */
export function activityProblems(activity: Activity): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkText(problems, 'title', activity.title, LIMITS.activityTitleMax, true);
  if (activity.section !== undefined) checkText(problems, 'section', activity.section, LIMITS.activityTitleMax, false);
  if (activity.body !== undefined) checkText(problems, 'body', activity.body, LIMITS.activityBodyMax, false);
  if (activity.notes !== undefined) checkText(problems, 'notes', activity.notes, LIMITS.activityNotesMax, false);
  if (isQuestion(activity) && activity.premise !== undefined)
    checkText(problems, 'premise', activity.premise, LIMITS.activityBodyMax, false);
  switch (activity.kind) {
    case 'content':
      checkBullets(problems, 'bullets', activity.bullets);
      break;
    case 'choice':
      checkList(problems, 'options', activity.options, LIMITS.optionsMin, LIMITS.optionsMax);
      break;
    case 'rating':
      checkList(problems, 'items', activity.items, LIMITS.ratingItemsMin, LIMITS.ratingItemsMax);
      if (activity.minLabel !== undefined) checkText(problems, 'minLabel', activity.minLabel, LIMITS.optionLabelMax, false);
      if (activity.maxLabel !== undefined) checkText(problems, 'maxLabel', activity.maxLabel, LIMITS.optionLabelMax, false);
      break;
    case 'ranking':
      checkList(problems, 'items', activity.items, LIMITS.rankingItemsMin, LIMITS.rankingItemsMax);
      if (activity.rankTop !== undefined) checkNumber(problems, 'rankTop', activity.rankTop, { min: 1, max: activity.items.length });
      break;
    case 'points':
      checkList(problems, 'items', activity.items, LIMITS.pointsItemsMin, LIMITS.pointsItemsMax);
      checkNumber(problems, 'budget', activity.budget, BOUNDS.pointsBudget);
      break;
    case 'open':
      checkNumber(problems, 'maxLength', activity.maxLength, BOUNDS.openLength);
      checkNumber(problems, 'maxPerPerson', activity.maxPerPerson, BOUNDS.openPerPerson);
      break;
    case 'breakout':
      checkBullets(problems, 'instructions', activity.instructions);
      if (activity.sizing.by === 'count') checkNumber(problems, 'sizing', activity.sizing.count, BOUNDS.salaCount);
      else checkNumber(problems, 'sizing', activity.sizing.size, BOUNDS.salaSize);
      checkQuestions(problems, activity.questions);
      checkNumber(problems, 'discussionSeconds', activity.discussionSeconds, BOUNDS.discussionSeconds, 60);
      checkNumber(problems, 'returnSeconds', activity.returnSeconds, BOUNDS.returnSeconds);
      break;
    case 'synthesis':
      checkNumber(problems, 'seconds', activity.seconds, BOUNDS.synthesisSeconds, 60);
      break;
  }
  return problems;
}

/**
 * The activity as sent to the server: optional texts left empty are left out (the schema
 * wants them absent, not empty). Other texts go as typed, so a save in the middle of typing
 * never eats the space before the next word; trimming happens when a field is left.
 */
export function toWire(activity: Activity): Activity {
  const wire = { ...activity } as Activity & { section?: string; body?: string; premise?: string; minLabel?: string; maxLabel?: string };
  if (blank(wire.section)) delete wire.section;
  if (blank(wire.body)) delete wire.body;
  if (blank(wire.notes)) delete wire.notes;
  if (blank(wire.premise)) delete wire.premise;
  if (wire.kind === 'rating') {
    if (blank(wire.minLabel)) delete wire.minLabel;
    if (blank(wire.maxLabel)) delete wire.maxLabel;
  }
  return wire;
}

const trimOption = (option: Option): Option => ({ ...option, label: option.label.trim() });
const trimPremise = (question: QuestionActivity) => (question.premise === undefined ? {} : { premise: question.premise.trim() });
const trimBullet = (bullet: Bullet): Bullet => ({ ...bullet, text: bullet.text.trim() });

/** Every text trimmed: applied when the facilitator leaves a field. */
export function trimTexts(activity: Activity): Activity {
  const base = {
    ...activity,
    title: activity.title.trim(),
    ...(activity.section === undefined ? {} : { section: activity.section.trim() }),
    ...(activity.body === undefined ? {} : { body: activity.body.trim() }),
    ...(activity.notes === undefined ? {} : { notes: activity.notes.trim() }),
  };
  switch (base.kind) {
    case 'content':
      return { ...base, bullets: base.bullets.map(trimBullet) };
    case 'choice':
      return { ...base, ...trimPremise(base), options: base.options.map(trimOption) };
    case 'rating':
      return {
        ...base,
        ...trimPremise(base),
        items: base.items.map(trimOption),
        ...(base.minLabel === undefined ? {} : { minLabel: base.minLabel.trim() }),
        ...(base.maxLabel === undefined ? {} : { maxLabel: base.maxLabel.trim() }),
      };
    case 'ranking':
    case 'points':
      return { ...base, ...trimPremise(base), items: base.items.map(trimOption) };
    case 'open':
      return { ...base, ...trimPremise(base) };
    case 'breakout':
      return {
        ...base,
        instructions: base.instructions.map(trimBullet),
        questions: base.questions.map((question) => ({ ...question, text: question.text.trim() })),
      };
    default:
      return base;
  }
}

/** Same texts and settings (the wire form, so an empty optional text equals an absent one). */
export function sameActivity(a: Activity, b: Activity): boolean {
  return JSON.stringify(toWire(a)) === JSON.stringify(toWire(b));
}

/** Answers so far: the respondents of a question, 0 for anything else. */
export function respondentsOf(results: ActivityResults | null | undefined): number {
  return results?.respondents ?? 0;
}

/** Answers given to each option (choice) or item (rating), to keep those from being removed. */
export function answersByOption(results: ActivityResults | null | undefined): Record<string, number> {
  if (!results) return {};
  if (results.kind === 'choice') return { ...results.counts };
  if (results.kind === 'rating') return Object.fromEntries(Object.entries(results.items).map(([id, item]) => [id, item.n]));
  // Every ranking and points answer names every item: none can go once someone answered.
  if (results.kind === 'ranking' || results.kind === 'points')
    return Object.fromEntries(Object.keys(results.items).map((id) => [id, results.respondents]));
  return {};
}

/** The nearest breakout before an activity: the salas that write a synthesis. */
export function breakoutBefore(agenda: readonly Activity[], index: number): Activity | null {
  for (let i = Math.min(index, agenda.length) - 1; i >= 0; i -= 1) {
    const activity = agenda[i];
    if (activity?.kind === 'breakout') return activity;
  }
  return null;
}

/** A list with one element replaced (immutable, for the form's updates). */
export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

/** A list without one element. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** A list with one element moved one place (no change at the ends). */
export function swapStep<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
