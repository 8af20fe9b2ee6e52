/**
 * The phone's parts that load on demand, each in a chunk of its own (issue 20):
 * - the live view (views/Participant.svelte and its question components): the join page's code
 *   check and notice do not wait for it; it loads once the check has answered, while the notice
 *   is read. The service worker keeps it with the page's shell (server/cli/service-worker.ts).
 * - the sala parts of a breakout and its synthesis (the sala, its roles, turns and numbers, the
 *   secretary's editor): about a third of the participant's code, needed only once a session
 *   reaches a sala. The service worker keeps the chunk once loaded.
 */

/** Loads once, on first use; a failed load (no network) is tried again on the next use. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    const current = (loading ??= load());
    current.catch(() => {
      if (loading === current) loading = null;
    });
    return current;
  };
}

export const loadParticipantView = once(() => import('../views/Participant.svelte'));

export type SalaViews = typeof import('../components/sala-parts.ts');
export const loadSalaViews = once(() => import('../components/sala-parts.ts'));
