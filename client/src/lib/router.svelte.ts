/**
 * A tiny pathname router: a few fixed routes, history.pushState and popstate. The fragment is
 * kept apart because it carries the facilitator token and never reaches the server.
 */

export type Route =
  | { name: 'home' }
  | { name: 'join'; code: string | null }
  | { name: 'facilitate'; sessionId: string }
  | { name: 'present'; sessionId: string }
  | { name: 'not-found' };

function segment(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.length > 0 ? decoded : null;
  } catch {
    return null;
  }
}

/** The route for a pathname; trailing slashes are ignored. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((part) => part.length > 0);
  const [first, second, ...rest] = parts;
  if (first === undefined) return { name: 'home' };
  if (rest.length > 0) return { name: 'not-found' };
  if (first === 'j') {
    if (second === undefined) return { name: 'join', code: null };
    const code = segment(second);
    return code === null ? { name: 'not-found' } : { name: 'join', code };
  }
  if ((first === 'facilitate' || first === 'present') && second !== undefined) {
    const sessionId = segment(second);
    if (sessionId === null) return { name: 'not-found' };
    return first === 'facilitate' ? { name: 'facilitate', sessionId } : { name: 'present', sessionId };
  }
  return { name: 'not-found' };
}

/** Reads `token` from a fragment such as "#token=abc". */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && token.length > 0 ? token : null;
}

class Router {
  #pathname = $state(window.location.pathname);
  #hash = $state(window.location.hash);
  #route = $derived(matchRoute(this.#pathname));

  constructor() {
    window.addEventListener('popstate', this.#sync);
  }

  get route(): Route {
    return this.#route;
  }

  get hash(): string {
    return this.#hash;
  }

  /** Goes to a same-origin address without reloading; other origins load normally. */
  navigate = (href: string, options: { replace?: boolean } = {}): void => {
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin) {
      window.location.assign(url.href);
      return;
    }
    const target = url.pathname + url.search + url.hash;
    if (options.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    this.#sync();
    window.scrollTo(0, 0);
  };

  /** Removes the fragment from the address bar (e.g. a token on a screen-shared window). */
  clearHash = (): void => {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    this.#hash = '';
  };

  #sync = (): void => {
    this.#pathname = window.location.pathname;
    this.#hash = window.location.hash;
  };
}

export const router = new Router();
