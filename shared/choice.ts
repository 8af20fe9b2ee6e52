/**
 * Rules of choice questions that the phone and the server both apply: an exclusive option (the
 * seed's "Nada") is chosen alone.
 */
import type { ChoiceActivity, ChoiceOption } from './types.ts';

/** The exclusive option that these chosen options combine with another one, if any. */
export function combinedExclusive(activity: ChoiceActivity, optionIds: readonly string[]): ChoiceOption | null {
  if (optionIds.length < 2) return null;
  return activity.options.find((option) => option.exclusive === true && optionIds.includes(option.id)) ?? null;
}

/**
 * A multiple choice's selection after ticking or unticking one option: ticking an exclusive
 * option leaves it alone; ticking another one unticks the exclusive ones.
 */
export function toggleOption(activity: ChoiceActivity, selected: readonly string[], optionId: string, checked: boolean): string[] {
  const others = selected.filter((id) => id !== optionId);
  if (!checked) return others;
  const option = activity.options.find((o) => o.id === optionId);
  if (!option) return [...selected];
  if (option.exclusive === true) return [optionId];
  const exclusive = new Set(activity.options.filter((o) => o.exclusive === true).map((o) => o.id));
  return [...others.filter((id) => !exclusive.has(id)), optionId];
}
