/*
 * The participant pages' service worker (issue 20), served as /sw.js and registered with the
 * scope /j, so only the phone's pages go through it. It keeps the page and the hashed files of
 * this build, so that a reload needs no round trip before the page runs, and a phone that lost
 * its signal can reload the page and still see its question and its queued answers (the page
 * draws them from localStorage).
 *
 * The build writes the two values below (server/cli/service-worker.ts): BUILD changes with every
 * file of the build, so a new version installs a new cache and deletes the old ones.
 * Never cached: /api (answers and checks are live) and /socket.io.
 */
const BUILD = '__PLENARIO_BUILD__';
/** The page's entry, the participant's view, what they import at once and their stylesheets: what a reload needs. */
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

/**
 * The kept page at once: a reload waits for no round trip. The network's copy replaces it for the
 * next load (a changed theme), if it names this build's files; a page of a newer build comes with
 * that build's worker, which the browser installs meanwhile (it checks /sw.js at each load).
 * Without a kept page, the network's.
 */
async function pageFromCache(event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(PAGE);
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === 'basic' && namesThisBuild(await response.clone().text())) await cache.put(PAGE, response.clone());
    return response;
  });
  if (!kept) return fresh;
  event.waitUntil(fresh.catch(() => undefined));
  return kept;
}

const SHELL = new Set(SHELL_ASSETS);

/** Every hashed file the page names is one of this build's. */
function namesThisBuild(html) {
  return [...html.matchAll(/["'](\/assets\/[^"']+)["']/g)].every(([, path]) => SHELL.has(path));
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
  if (request.mode === 'navigate') event.respondWith(pageFromCache(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  // The theme's stylesheet and logo: fresh when there is network.
  else event.respondWith(networkFirst(request, request));
});
