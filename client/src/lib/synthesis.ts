/**
 * Pure helpers of the synthesis screens: the fields a sala's synthesis has (the server's rule,
 * mirrored), which view is newer, what the plenary shows, and the support kinds counted across
 * salas. No DOM, no sockets.
 */
import type {
  Activity,
  BreakoutActivity,
  ChoiceActivity,
  ChoiceResults,
  GuideQuestion,
  RatingActivity,
  SalaSynthesis,
  SynthesisContent,
  SynthesisView,
} from '../../../shared/types.ts';

/** One field of a synthesis: a guide question, or one part of it (question 2, per axis). */
export interface SynthesisField {
  /** "experiencias", or "desafios.liderazgo" for a part. */
  key: string;
  question: GuideQuestion;
  /** 1-based number of the guide question. */
  number: number;
  /** The part's label (an axis), or null for a whole question. */
  itemLabel: string | null;
}

/** The synthesis' fields in order: one per guide question, or one per part of it. */
export function synthesisFields(breakout: BreakoutActivity): SynthesisField[] {
  return breakout.questions.flatMap((question, index): SynthesisField[] =>
    question.items && question.items.length > 0
      ? question.items.map((item) => ({ key: `${question.id}.${item.id}`, question, number: index + 1, itemLabel: item.label }))
      : [{ key: question.id, question, number: index + 1, itemLabel: null }],
  );
}

/** The guide question whose support kinds are ticked (the seed's question 3), if any. */
export function supportQuestion(breakout: BreakoutActivity): GuideQuestion | null {
  return breakout.questions.find((question) => (question.supportOptions?.length ?? 0) > 0) ?? null;
}

export const EMPTY_CONTENT: SynthesisContent = { fields: {}, support: [] };

/** Whether two contents say the same (empty fields count as absent, support order ignored). */
export function sameContent(a: SynthesisContent | null, b: SynthesisContent | null): boolean {
  const left = a ?? EMPTY_CONTENT;
  const right = b ?? EMPTY_CONTENT;
  const keys = new Set([...Object.keys(left.fields), ...Object.keys(right.fields)]);
  for (const key of keys) if ((left.fields[key] ?? '') !== (right.fields[key] ?? '')) return false;
  if (left.support.length !== right.support.length) return false;
  return left.support.every((id) => right.support.includes(id));
}

/** Whether anything is written or ticked. */
export function hasContent(content: SynthesisContent | null): boolean {
  if (!content) return false;
  return content.support.length > 0 || Object.values(content.fields).some((text) => text.trim().length > 0);
}

/**
 * Whether `next` may replace `current`: an ack and the coalesced broadcast of the same change
 * can arrive in either order, and the view stamped later by the server wins.
 */
export function isNewerSynthesis(current: SynthesisView | undefined, next: SynthesisView): boolean {
  return current === undefined || next.timer.serverNow >= current.timer.serverNow;
}

export function salaSynthesis(view: SynthesisView | null | undefined, salaId: string | null): SalaSynthesis | null {
  if (!view || salaId === null) return null;
  return view.salas.find((sala) => sala.salaId === salaId) ?? null;
}

/** The plenary's steps, in order: the overview (null), then every field. */
export function plenarySteps(breakout: BreakoutActivity): Array<string | null> {
  return [null, ...synthesisFields(breakout).map((field) => field.key)];
}

/** The neighbouring plenary step (stays at either end). */
export function stepPlenary(steps: ReadonlyArray<string | null>, current: string | null, direction: 'next' | 'previous'): string | null {
  const index = Math.max(0, steps.indexOf(current));
  const next = direction === 'next' ? Math.min(steps.length - 1, index + 1) : Math.max(0, index - 1);
  return steps[next] ?? null;
}

/** What the plenary screen shows now. */
export type PlenaryScreen = 'pending' | 'progress' | 'overview' | 'field' | 'spotlight';

export function plenaryScreen(view: SynthesisView | null): PlenaryScreen {
  if (!view || view.phase === 'pending') return 'pending';
  if (view.focus.spotlightSalaId !== null && view.salas.some((sala) => sala.salaId === view.focus.spotlightSalaId)) return 'spotlight';
  if (view.focus.fieldKey !== null) return 'field';
  return view.phase === 'writing' ? 'progress' : 'overview';
}

/**
 * Whether the plenary's overview has anything to draw for this breakout: the support kinds to
 * tally (a guide question with at least two), or the radars of a rating asked before it. It is
 * drawn live while the salas write, and alone once the writing closes.
 */
export function hasOverview(breakout: BreakoutActivity, rating: RatingActivity | null): boolean {
  return (supportQuestion(breakout)?.supportOptions?.length ?? 0) >= 2 || rating !== null;
}

/**
 * The support kinds ticked across the salas shown (hidden cards left out), as a multiple-choice
 * question the results chart can draw: each kind's count is the number of salas that ticked it.
 */
export function supportTally(
  breakout: BreakoutActivity,
  view: SynthesisView,
  title: string,
): { activity: ChoiceActivity; results: ChoiceResults } | null {
  const question = supportQuestion(breakout);
  const options = question?.supportOptions ?? [];
  if (!question || options.length < 2) return null;
  const shown = view.salas.filter((sala) => !sala.hidden && hasContent(sala.content));
  const counts: Record<string, number> = Object.fromEntries(options.map((option) => [option.id, 0]));
  for (const sala of shown) {
    for (const id of sala.content?.support ?? []) if (id in counts) counts[id] = (counts[id] ?? 0) + 1;
  }
  return {
    activity: { id: `${view.activityId}-support`, kind: 'choice', title, multiple: true, options },
    results: { kind: 'choice', respondents: shown.length, counts },
  };
}

/**
 * Columns and rows for `count` cards on a 16:9 screen: up to three side by side, four as 2×2,
 * then at most four columns, so 12 cards make a 4×3 grid.
 */
export function cardGrid(count: number): { columns: number; rows: number } {
  const columns = count <= 3 ? Math.max(1, count) : count === 4 ? 2 : count <= 6 ? 3 : 4;
  return { columns, rows: Math.max(1, Math.ceil(count / columns)) };
}

/** The content with one field's text replaced. */
export function withField(content: SynthesisContent, key: string, text: string): SynthesisContent {
  return { ...content, fields: { ...content.fields, [key]: text } };
}

/** The content with a support kind ticked or unticked, kept in the order of `options`. */
export function withSupport(
  content: SynthesisContent,
  optionId: string,
  ticked: boolean,
  options: ReadonlyArray<{ id: string }>,
): SynthesisContent {
  const chosen = new Set(content.support);
  if (ticked) chosen.add(optionId);
  else chosen.delete(optionId);
  const ordered = options.map((option) => option.id).filter((id) => chosen.has(id));
  // Kinds the template no longer has are kept as they were (the server decides).
  const unknown = content.support.filter((id) => chosen.has(id) && !ordered.includes(id));
  return { ...content, support: [...ordered, ...unknown] };
}

/** Plain text of a whole synthesis, for copying (the secretary keeps it if writing was closed). */
export function synthesisAsText(breakout: BreakoutActivity, content: SynthesisContent, supportLabel: string): string {
  const lines: string[] = [];
  let lastQuestion: string | null = null;
  for (const field of synthesisFields(breakout)) {
    if (field.question.id !== lastQuestion) {
      lines.push(`${field.number}. ${field.question.text}`);
      lastQuestion = field.question.id;
    }
    const text = content.fields[field.key] ?? '';
    lines.push(field.itemLabel ? `- ${field.itemLabel}: ${text}` : text);
  }
  const question = supportQuestion(breakout);
  const ticked = (question?.supportOptions ?? []).filter((option) => content.support.includes(option.id)).map((option) => option.label);
  if (ticked.length > 0) lines.push(`${supportLabel}: ${ticked.join(', ')}`);
  return lines.join('\n');
}

/** The rating question nearest before an activity (the five axes a breakout starts from), if any. */
export function ratingBefore(agenda: readonly Activity[], activityId: string): RatingActivity | null {
  const index = agenda.findIndex((activity) => activity.id === activityId);
  for (let i = index - 1; i >= 0; i--) {
    const activity = agenda[i];
    if (activity?.kind === 'rating') return activity;
  }
  return null;
}

/** Columns that give `count` square cells in a width × height box the largest side. */
export function bestColumns(count: number, width: number, height: number): number {
  let best = 1;
  let bestSide = 0;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    const side = Math.min(width / columns, height / rows);
    if (side > bestSide + 0.5) {
      best = columns;
      bestSide = side;
    }
  }
  return best;
}
