/**
 * What the theme changes in what the server sends: theme.css (the colours as app.css's custom
 * properties: the CSP allows no inline style) and the app's page (its title, the brand's name
 * and logo for the Brand component, the browser's colour and icon).
 */
import type { ReportBrand } from '../reports/pdf.ts';
import type { Theme } from './theme.ts';

export const THEME_CSS_PATH = '/theme.css';

/** Where the logo is served: its name carries its hash, so it is cached for good. */
export const logoPath = (theme: Theme): string | null => (theme.logo ? `/theme/${theme.logo.fileName}` : null);

/**
 * The theme's colours over app.css's tokens. `html:root` outranks app.css's `:root`, whatever
 * order the stylesheets load in.
 */
export function themeStylesheet(theme: Theme): string {
  const { primary, primaryDark, primarySoft, accent } = theme.colors;
  return [
    `/* ${theme.name.replace(/\*\//g, '* /')}: THEME_PRIMARY and THEME_ACCENT, over app.css's tokens. */`,
    'html:root {',
    `  --color-primary: ${primary};`,
    `  --color-primary-dark: ${primaryDark};`,
    `  --color-primary-soft: ${primarySoft};`,
    `  --color-accent: ${accent};`,
    '}',
    '',
  ].join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/**
 * The app's index.html for this deployment: the theme's name as the title and as
 * `<meta name="application-name">` (the Brand component reads it), its logo as the icon and in
 * `<meta name="plenario-logo">`, its primary as the browser's colour, and theme.css when the
 * deployment set colours.
 */
export function themedPage(html: string, theme: Theme): string {
  const name = escapeHtml(theme.name);
  const logo = logoPath(theme);
  const { primary } = theme.colors;
  let page = html
    .replace(/<title>[^<]*<\/title>/, `<title>${name}</title>`)
    .replace(/(<meta name="application-name" content=")[^"]*(")/, `$1${name}$2`)
    .replace(/(<meta name="theme-color" content=")[^"]*(")/, `$1${primary}$2`);
  if (logo) page = page.replace(/(<link\s+rel="icon"\s+href=")[^"]*(")/, `$1${logo}$2`);
  else page = page.replace(/(<link\s+rel="icon"\s+href="[^"]*?fill='%23)[0-9a-f]{6}/i, `$1${primary.slice(1)}`);
  const additions = [
    logo ? `<meta name="plenario-logo" content="${logo}" />` : '',
    theme.customColors ? `<link rel="stylesheet" href="${THEME_CSS_PATH}" />` : '',
  ].join('');
  return page.replace('</head>', `${additions}</head>`);
}

/** The theme as the PDF reports use it: its colour only when set, its logo only as a PNG. */
export function reportBrand(theme: Theme): ReportBrand {
  return {
    name: theme.name,
    ...(theme.customColors ? { color: theme.colors.primary } : {}),
    ...(theme.logo?.contentType === 'image/png' ? { logo: theme.logo.bytes } : {}),
  };
}
