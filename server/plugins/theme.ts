import fp from 'fastify-plugin';
import { sendRevalidated } from '../http-cache.ts';
import { THEME_CSS_PATH, logoPath, themeStylesheet } from '../theme/page.ts';
import type { Theme } from '../theme/theme.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The deployment's name, logo and colours (config's THEME_*), for pages and reports. */
    theme: Theme;
  }
}

/**
 * The deployment's look over HTTP: GET /theme.css (its colours as CSS custom properties, built
 * once from the config) and its logo as a static file named by its hash.
 */
export default fp(
  async (app, opts: { theme: Theme }) => {
    const { theme } = opts;
    app.decorate('theme', theme);

    const css = themeStylesheet(theme);
    app.get(
      THEME_CSS_PATH,
      {
        schema: { tags: ['theme'], description: "The deployment's colours (THEME_PRIMARY, THEME_ACCENT) as app.css's custom properties." },
      },
      async (request, reply) => sendRevalidated(request, reply, css, 'text/css; charset=utf-8'),
    );

    const logo = theme.logo;
    const path = logoPath(theme);
    if (logo && path) {
      app.get(
        path,
        { schema: { tags: ['theme'], description: "The deployment's logo (THEME_LOGO), named by its content's hash." } },
        async (_request, reply) =>
          reply.header('Cache-Control', 'public, max-age=31536000, immutable').type(logo.contentType).send(logo.bytes),
      );
    }
  },
  { name: 'theme' },
);
