import type { clusterEsCL } from './cluster.es-CL.ts';

/** Messages of running on several nodes in English: every key of cluster.es-CL.ts (checked at compile time). */
export const clusterEn: Record<keyof typeof clusterEsCL, string> = {
  'error.SESSION_MOVED': 'This session is being served from another server. Reconnecting you in a moment.',
};
