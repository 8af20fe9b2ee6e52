import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { contrast } from '../../../server/theme/colors.ts';
import { DEFAULT_COLORS, DEFAULT_THEME, THEME_LIMITS, primaryShades, readTheme, type ThemeOutcome } from '../../../server/theme/theme.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

function theme(outcome: ThemeOutcome) {
  if (!outcome.ok) throw new Error(`expected a theme, got: ${outcome.reason}`);
  return outcome.theme;
}

function reason(outcome: ThemeOutcome): string {
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.reason;
}

function file(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plenario-theme-')), name);
  writeFileSync(path, content);
  return path;
}

describe('readTheme', () => {
  it("is Plenario's own look when nothing is set", () => {
    expect(theme(readTheme({}))).toEqual(DEFAULT_THEME);
    expect(theme(readTheme({ THEME_NAME: '  ', THEME_PRIMARY: '' }))).toEqual(DEFAULT_THEME);
  });

  it("keeps app.css's tokens as its defaults", () => {
    const css = readFileSync(new URL('../../../client/src/app.css', import.meta.url), 'utf8');
    const token = (name: string) => new RegExp(`--color-${name}: (#[0-9a-f]{6});`).exec(css)?.[1];
    expect({
      primary: token('primary'),
      primaryDark: token('primary-dark'),
      primarySoft: token('primary-soft'),
      accent: token('accent'),
    }).toEqual(DEFAULT_COLORS);
  });

  it("takes a deployment's name and two colours, deriving the primary's shades", () => {
    const civil = theme(readTheme({ THEME_NAME: ' Servicio Civil ', THEME_PRIMARY: '#1B365D', THEME_ACCENT: '#e4002b' }));
    expect(civil.name).toBe('Servicio Civil');
    expect(civil.customColors).toBe(true);
    expect(civil.colors).toEqual({ ...primaryShades('#1b365d'), accent: '#e4002b' });
    expect(civil.logo).toBeNull();
  });

  it('uses the primary as the accent when only the primary is set', () => {
    expect(theme(readTheme({ THEME_PRIMARY: '#146c43' })).colors.accent).toBe('#146c43');
  });

  it('derives a darker shade and a light tint on which the primary still reads', () => {
    const shades = primaryShades('#0f69b4');
    expect(contrast(shades.primaryDark, '#ffffff')).toBeGreaterThan(contrast('#0f69b4', '#ffffff'));
    expect(contrast(shades.primarySoft, '#000000')).toBeGreaterThan(contrast('#0f69b4', '#000000'));
    expect(contrast('#0f69b4', shades.primarySoft)).toBeGreaterThanOrEqual(4.5);
  });

  it('refuses a primary under which white text would fall below 4.5:1, saying why', () => {
    const why = reason(readTheme({ THEME_PRIMARY: '#3d9be9' }));
    expect(why).toMatch(/^THEME_PRIMARY #3d9be9 is refused: white text on it/);
    expect(why).toContain('4.5:1 WCAG AA');
    expect(why).toMatch(/contrast of \d\.\d\d:1/);
  });

  it('refuses an accent whose marks would not stand out 3:1 from the page', () => {
    const why = reason(readTheme({ THEME_PRIMARY: '#1b365d', THEME_ACCENT: '#ffd23f' }));
    expect(why).toMatch(/^THEME_ACCENT #ffd23f is refused: its bands and marks on white panels/);
    expect(why).toContain('3:1 WCAG AA asks of graphical elements');
  });

  it('refuses a grey that reads on white but not on the page grey, and accepts a darker one', () => {
    // #767676 on white is 4.54:1 but on the page's grey #f5f7fa falls under 4.5:1.
    expect(reason(readTheme({ THEME_PRIMARY: '#767676' }))).toContain("on the page's grey #f5f7fa");
    expect(readTheme({ THEME_PRIMARY: '#6e6e6e' }).ok).toBe(true);
  });

  it.each(['blue', '0f69b4', '#12345', 'rgb(0, 0, 0)'])('refuses the colour %s with how to write one', (value) => {
    expect(reason(readTheme({ THEME_ACCENT: value }))).toBe(
      `THEME_ACCENT must be a colour written #rrggbb (e.g. #0f69b4), got "${value}".`,
    );
  });

  it('refuses a name too long or on two lines', () => {
    expect(reason(readTheme({ THEME_NAME: 'x'.repeat(THEME_LIMITS.nameMax + 1) }))).toContain(`at most ${THEME_LIMITS.nameMax} characters`);
    expect(reason(readTheme({ THEME_NAME: 'Servicio\nCivil' }))).toMatch(/^THEME_NAME must be one line/);
    expect(theme(readTheme({ THEME_NAME: 'á'.repeat(THEME_LIMITS.nameMax) })).name).toHaveLength(THEME_LIMITS.nameMax);
  });

  it('reads an SVG or PNG logo once, named by its hash', () => {
    const svg = theme(readTheme({ THEME_LOGO: file('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>') })).logo!;
    expect(svg.contentType).toBe('image/svg+xml');
    expect(svg.fileName).toMatch(/^logo-[0-9a-f]{10}\.svg$/);
    const png = theme(readTheme({ THEME_LOGO: file('Logo.PNG', PNG) })).logo!;
    expect(png).toMatchObject({ contentType: 'image/png', bytes: PNG });
    expect(png.fileName).toMatch(/^logo-[0-9a-f]{10}\.png$/);
  });

  it('refuses a logo of another kind, unreadable, too large or not what its name says', () => {
    expect(reason(readTheme({ THEME_LOGO: file('logo.gif', 'GIF89a') }))).toContain('must be an .svg or .png file');
    expect(reason(readTheme({ THEME_LOGO: '/nonexistent/logo.png' }))).toContain('cannot be read (ENOENT)');
    expect(reason(readTheme({ THEME_LOGO: file('logo.png', '<svg></svg>') }))).toContain('is not a PNG image');
    expect(reason(readTheme({ THEME_LOGO: file('logo.svg', 'hello') }))).toContain('is not an SVG image');
    const big = file('logo.png', Buffer.concat([PNG, Buffer.alloc(THEME_LIMITS.logoMaxBytes)]));
    expect(reason(readTheme({ THEME_LOGO: big }))).toContain(`at most ${THEME_LIMITS.logoMaxBytes / 1024} KB`);
  });
});

describe('loadConfig: THEME_*', () => {
  it('refuses to start on a refused theme, with its reason', () => {
    expect(() => loadConfig({ THEME_PRIMARY: '#ffff00' })).toThrow(ConfigError);
    expect(() => loadConfig({ THEME_PRIMARY: '#ffff00' })).toThrow(/^THEME_PRIMARY #ffff00 is refused/);
  });

  it('carries an accepted theme', () => {
    expect(loadConfig({ THEME_NAME: 'Servicio Civil', THEME_PRIMARY: '#1b365d' }).theme.name).toBe('Servicio Civil');
  });
});
