import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportBrand, themeStylesheet, themedPage } from '../../../server/theme/page.ts';
import { DEFAULT_THEME, readTheme, type Theme } from '../../../server/theme/theme.ts';

const INDEX = readFileSync(new URL('../../../client/index.html', import.meta.url), 'utf8');
const PNG = { fileName: 'logo-0123456789.png', contentType: 'image/png' as const, bytes: Buffer.from('png') };

function civil(extra: Partial<Theme> = {}): Theme {
  const outcome = readTheme({ THEME_NAME: 'Servicio Civil <Chile>', THEME_PRIMARY: '#1b365d', THEME_ACCENT: '#e4002b' });
  if (!outcome.ok) throw new Error(outcome.reason);
  return { ...outcome.theme, ...extra };
}

describe('themedPage', () => {
  it('leaves the page as built for Plenario itself, without a theme stylesheet', () => {
    const page = themedPage(INDEX, DEFAULT_THEME);
    expect(page).toBe(INDEX);
  });

  it("writes the deployment's name, colour, stylesheet and logo into the page", () => {
    const page = themedPage(INDEX, civil({ logo: PNG }));
    expect(page).toContain('<title>Servicio Civil &lt;Chile&gt;</title>');
    expect(page).toContain('<meta name="application-name" content="Servicio Civil &lt;Chile&gt;" />');
    expect(page).toContain('<meta name="theme-color" content="#1b365d" />');
    expect(page).toMatch(/<link\s+rel="icon"\s+href="\/theme\/logo-0123456789.png"/);
    expect(page).toContain(
      '<meta name="plenario-logo" content="/theme/logo-0123456789.png" /><link rel="stylesheet" href="/theme.css" /></head>',
    );
  });

  it('colours the drawn icon with the primary when there is no logo', () => {
    const page = themedPage(INDEX, civil());
    expect(page).toContain("fill='%231b365d'");
    expect(page).not.toContain("fill='%230f69b4'");
    expect(page).not.toContain('plenario-logo');
  });
});

describe('themeStylesheet', () => {
  it("sets app.css's brand tokens, outranking :root", () => {
    const css = themeStylesheet(civil());
    expect(css).toContain('html:root {');
    expect(css).toContain('--color-primary: #1b365d;');
    expect(css).toContain('--color-accent: #e4002b;');
    expect(css).toMatch(/--color-primary-dark: #[0-9a-f]{6};/);
  });

  it('cannot be closed early by the name in its comment', () => {
    const css = themeStylesheet({ ...DEFAULT_THEME, name: 'a */ body { display: none } /*' });
    expect(css.match(/\*\//g)).toHaveLength(1);
  });
});

describe('reportBrand', () => {
  it('gives the PDF the name, and the colour and PNG logo only when set', () => {
    expect(reportBrand(DEFAULT_THEME)).toEqual({ name: 'Plenario' });
    expect(reportBrand(civil({ logo: PNG }))).toEqual({ name: 'Servicio Civil <Chile>', color: '#1b365d', logo: PNG.bytes });
    expect(reportBrand(civil({ logo: { ...PNG, contentType: 'image/svg+xml' } }))).toEqual({
      name: 'Servicio Civil <Chile>',
      color: '#1b365d',
    });
  });
});
