/*
 * The participant pages' service worker (issue 20), served as /sw.js and registered with the
 * scope /j, so only the phone's pages go through it. It keeps the page and the hashed files of
 * this build, so that a phone that lost its signal can reload the page and still see its
 * question and its queued answers (the page draws them from localStorage).
 *
 * The build writes the two values below (server/cli/service-worker.ts): BUILD changes with every
 * file of the build, so a new version installs a new cache and deletes the old ones.
 * Never cached: /api (answers and checks are live) and /socket.io.
 */
const BUILD = '__PLENARIO_BUILD__';
/** The page's entry, what it imports at once and its stylesheet: what a reload needs. */
const SHELL_ASSETS = __PLENARIO_SHELL_ASSETS__;

const CACHE_PREFIX = 'plenario-phone-';
const CACHE = `${CACHE_PREFIX}${BUILD}`;
/** Every participant page is the same document: it is kept once, under this address. */
const PAGE = '/j';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([PAGE, ...SHELL_ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

/** A copy of a good answer goes into the cache under key; the answer itself goes on. */
function keep(key, response) {
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(key, copy));
  }
  return response;
}

/** The network's answer (kept for later), or the kept one when there is no network. */
async function networkFirst(request, key) {
  try {
    return keep(key, await fetch(request));
  } catch (error) {
    const kept = await caches.match(key);
    if (kept) return kept;
    throw error;
  }
}

/** Hashed files never change: the kept copy, else the network's (kept). */
async function cacheFirst(request) {
  const kept = await caches.match(request);
  return kept ?? keep(request, await fetch(request));
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, PAGE));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  // The theme's stylesheet and logo: fresh when there is network.
  else event.respondWith(networkFirst(request, request));
});
