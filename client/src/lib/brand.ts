/**
 * The deployment's name and logo (THEME_NAME, THEME_LOGO), as the server wrote them into the page
 * (server/theme/page.ts): read from the document, so the built client holds no deployment's look.
 */
function meta(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || null;
}

export const brand = {
  name: meta('application-name') ?? 'Plenario',
  /** The logo's address on this server, or null for Plenario's own mark. */
  logo: meta('plenario-logo'),
};
