/**
 * The participant's page registers the service worker that lets it reload with no network
 * (client/sw.js, served at /sw.js). Its scope is /j: the facilitators' screens never go
 * through it. Only in a build: the development server has no /sw.js.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/j' }).catch(() => {
    // Refused (private mode, storage full): the page works, only not offline.
  });
  // The worker serves the page it keeps, so after an update this page may be the previous
  // build's; once the new worker has taken over, a part of the old build loaded later (a sala's)
  // is gone from the server and the cache: reload into the new build rather than fail.
  const servedBy = navigator.serviceWorker.controller;
  window.addEventListener('vite:preloadError', (event) => {
    const current = navigator.serviceWorker.controller;
    if (servedBy && current && current !== servedBy) {
      event.preventDefault();
      window.location.reload();
    }
  });
}
