/**
 * The parts of the phone's live view that load on demand, each a chunk of its own (issue 20):
 * the live view's own chunk holds what most activities show (a choice, a rating, a content slide,
 * their results, the waiting card); the other kinds' views come when the session reaches one
 * (or, prefetched, when the agenda says it comes next). The phone shows the waiting card until
 * a part is in. The service worker keeps each part once loaded (client/sw.js), so a phone that
 * reloads with no network still shows it. docs/performance.md says what each part costs.
 */
import type { ActivityKind } from '../../../shared/types.ts';
import { once } from './lazy-views.ts';

const LOADERS = {
  open: once(() => import('../components/open-parts.ts')),
  rankPoints: once(() => import('../components/rank-points-parts.ts')),
  qa: once(() => import('../components/QaQuestion.svelte')),
  experience: once(() => import('../components/ExperienceParticipant.svelte')),
  commitment: once(() => import('../components/CommitmentParticipant.svelte')),
  /** The breakout and synthesis parts: the sala, its roles, turns and numbers, the secretary's editor. */
  sala: once(() => import('../components/sala-parts.ts')),
};

type PartName = keyof typeof LOADERS;
export type Parts = { [P in PartName]: Awaited<ReturnType<(typeof LOADERS)[P]>> };

/** The part each kind's view is in; a kind not listed is in the live view's chunk. */
const PART_OF: Partial<Record<ActivityKind, PartName>> = {
  open: 'open',
  ranking: 'rankPoints',
  points: 'rankPoints',
  qa: 'qa',
  experience: 'experience',
  commitment: 'commitment',
  breakout: 'sala',
  synthesis: 'sala',
};

class PhoneParts {
  #loaded = $state.raw<Partial<Parts>>({});

  /** The parts in so far. */
  get loaded(): Partial<Parts> {
    return this.#loaded;
  }

  /** Loads the part kind's view is in, if any; settles when it is in or its load failed (tried again on the next call). */
  load = async (kind: ActivityKind | null | undefined): Promise<void> => {
    const name = kind ? PART_OF[kind] : undefined;
    if (!name || this.#loaded[name]) return;
    try {
      const part = await LOADERS[name]();
      this.#loaded = { ...this.#loaded, [name]: part };
    } catch {
      // No network: the waiting card stays; the next call (the network back) tries again.
    }
  };
}

export const phoneParts = new PhoneParts();
