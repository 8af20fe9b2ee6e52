/**
 * Messages of running on several nodes (issue 18). Spread into es-CL.ts; cluster.en.ts mirrors
 * every key.
 */
export const clusterEsCL = {
  // A node asked about a session another node owns: the client reconnects by itself.
  'error.SESSION_MOVED': 'La sesión se está atendiendo desde otro servidor. Te reconectamos en un momento.',
};
