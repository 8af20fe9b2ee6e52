/**
 * The participant's live view (views/Participant.svelte), a chunk of its own (issue 20): the join
 * page's code check and notice do not wait for it; it loads once the check has answered, while
 * the notice is read. The service worker keeps it with the page's shell
 * (server/cli/service-worker.ts). The parts of the live view that only some activities need load
 * on demand in turn (phone-parts.svelte.ts).
 */

/** Loads once, on first use; a failed load (no network) is tried again on the next use. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
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
