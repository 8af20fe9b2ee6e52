/**
 * A tiny pathname router: a few fixed routes, history.pushState and popstate. The fragment is
 * kept apart because it carries the facilitator token and never reaches the server.
 */

import { matchRoute, type Route } from './routes.ts';

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
