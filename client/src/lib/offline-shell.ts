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
}
