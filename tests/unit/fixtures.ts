/** Small activity builders shared by the unit tests; ids are chosen by each test. */
import type {
  BreakoutActivity,
  ChoiceActivity,
  ContentActivity,
  OpenActivity,
  PointsActivity,
  RankingActivity,
  RatingActivity,
  SynthesisActivity,
} from '../../shared/types.ts';

export function content(id: string): ContentActivity {
  return { id, kind: 'content', title: `Lámina ${id}`, bullets: [] };
}

export function choice(id: string, optionIds: string[], multiple = false): ChoiceActivity {
  return { id, kind: 'choice', title: `Pregunta ${id}`, multiple, options: optionIds.map((o) => ({ id: o, label: `Opción ${o}` })) };
}

export function rating(id: string, itemIds: string[]): RatingActivity {
  return { id, kind: 'rating', title: `Escala ${id}`, items: itemIds.map((i) => ({ id: i, label: `Ítem ${i}` })) };
}

export function ranking(id: string, itemIds: string[], rankTop?: number): RankingActivity {
  const items = itemIds.map((i) => ({ id: i, label: `Ítem ${i}` }));
  return { id, kind: 'ranking', title: `Orden ${id}`, items, ...(rankTop === undefined ? {} : { rankTop }) };
}

export function points(id: string, itemIds: string[], budget = 100, allowUnder = false): PointsActivity {
  const items = itemIds.map((i) => ({ id: i, label: `Ítem ${i}` }));
  return { id, kind: 'points', title: `Puntos ${id}`, items, budget, ...(allowUnder ? { allowUnder } : {}) };
}

export function openQuestion(id: string): OpenActivity {
  return { id, kind: 'open', title: `Abierta ${id}`, maxLength: 200, maxPerPerson: 3, display: 'cloud' };
}

/** A breakout activity with the seed's defaults (40 minutes of discussion, 90 seconds of return). */
export function breakout(id: string, overrides: Partial<Omit<BreakoutActivity, 'id' | 'kind'>> = {}): BreakoutActivity {
  return {
    id,
    kind: 'breakout',
    title: `Salas ${id}`,
    instructions: [],
    sizing: { by: 'count', count: 4 },
    mode: 'random',
    questions: [],
    discussionSeconds: 40 * 60,
    returnSeconds: 90,
    ...overrides,
  };
}

export function synthesis(id: string): SynthesisActivity {
  return { id, kind: 'synthesis', title: `Síntesis ${id}`, seconds: 300 };
}
