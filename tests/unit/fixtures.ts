/** Small activity builders shared by the unit tests; ids are chosen by each test. */
import type { ChoiceActivity, ContentActivity, RatingActivity } from '../../shared/types.ts';

export function content(id: string): ContentActivity {
  return { id, kind: 'content', title: `Lámina ${id}`, bullets: [] };
}

export function choice(id: string, optionIds: string[], multiple = false): ChoiceActivity {
  return { id, kind: 'choice', title: `Pregunta ${id}`, multiple, options: optionIds.map((o) => ({ id: o, label: `Opción ${o}` })) };
}

export function rating(id: string, itemIds: string[]): RatingActivity {
  return { id, kind: 'rating', title: `Escala ${id}`, items: itemIds.map((i) => ({ id: i, label: `Ítem ${i}` })) };
}
