/**
 * The deployment's look: its name, logo and two colours, read from THEME_* variables and
 * checked before the server starts. A colour whose text would fall under WCAG AA contrast on
 * the backgrounds it is used on is refused with the reason, in one line.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { contrast, formatRatio, mix, parseHex } from './colors.ts';

/** The colour tokens a theme sets (app.css's --color-primary, -dark, -soft and --color-accent). */
export interface ThemeColors {
  /** Buttons (white text on it), links, chosen answers, bars. */
  primary: string;
  /** Text in the brand's colour, hover of buttons. */
  primaryDark: string;
  /** The light tint behind selected items. */
  primarySoft: string;
  /** Bands and marks: the edge of the main card, the brand's mark. Not for text. */
  accent: string;
}

export interface ThemeLogo {
  /** "logo-3f2a9c01de.svg": its content's hash, so the file can be cached for good. */
  fileName: string;
  contentType: 'image/svg+xml' | 'image/png';
  bytes: Buffer;
}

export interface Theme {
  /** Shown by the brand on every screen, as the pages' title and on the reports. */
  name: string;
  logo: ThemeLogo | null;
  colors: ThemeColors;
  /** Whether the deployment set a colour: without, the pages need no theme stylesheet. */
  customColors: boolean;
}

/** app.css's own tokens (tests/unit/theme keeps them equal). */
export const DEFAULT_COLORS: ThemeColors = {
  primary: '#0f69b4',
  primaryDark: '#0a4f88',
  primarySoft: '#e6f0fa',
  accent: '#0f69b4',
};

export const DEFAULT_THEME: Theme = { name: 'Plenario', logo: null, colors: DEFAULT_COLORS, customColors: false };

/** The backgrounds the brand's colours meet (app.css's --color-surface and --color-bg). */
export const SURFACES = { surface: '#ffffff', page: '#f5f7fa' } as const;

export const THEME_LIMITS = { nameMax: 60, logoMaxBytes: 256 * 1024 } as const;

/** WCAG 2.2 AA: 4.5:1 for normal text (1.4.3); 3:1 for large text and graphical objects (1.4.11). */
const AA = { text: 4.5, graphics: 3 } as const;

/** The primary's darker shade and light tint, derived so one colour sets all three tokens. */
export function primaryShades(primary: string): Pick<ThemeColors, 'primary' | 'primaryDark' | 'primarySoft'> {
  return { primary, primaryDark: mix(primary, '#000000', 0.25), primarySoft: mix(primary, '#ffffff', 0.9) };
}

interface Pairing {
  variable: 'THEME_PRIMARY' | 'THEME_ACCENT';
  colour: string;
  against: string;
  /** How the pair is used, for the refusal: "white text on it (buttons, chosen answers)". */
  use: string;
  min: number;
  kind: string;
}

/**
 * Every pairing of a brand colour with what it meets on screen. The darker shade is darker than
 * the primary and the tint lighter, so their own pairings pass whenever these do.
 */
function pairings(colors: ThemeColors): Pairing[] {
  const text = { min: AA.text, kind: 'normal text' };
  const graphics = { min: AA.graphics, kind: 'graphical elements' };
  const primary = { variable: 'THEME_PRIMARY', colour: colors.primary } as const;
  const accent = { variable: 'THEME_ACCENT', colour: colors.accent } as const;
  return [
    { ...primary, against: '#ffffff', use: 'white text on it (buttons, chosen answers)', ...text },
    { ...primary, against: SURFACES.page, use: `its text (links, labels) on the page's grey ${SURFACES.page}`, ...text },
    { ...primary, against: colors.primarySoft, use: `its text on its own light tint ${colors.primarySoft} (selected items)`, ...text },
    { ...accent, against: SURFACES.surface, use: 'its bands and marks on white panels', ...graphics },
    { ...accent, against: SURFACES.page, use: `its bands and marks on the page's grey ${SURFACES.page}`, ...graphics },
  ];
}

/** Why these colours cannot be used, in one line; null when every pairing meets WCAG AA. */
export function contrastProblem(colors: ThemeColors): string | null {
  for (const pair of pairings(colors)) {
    const ratio = contrast(pair.colour, pair.against);
    if (ratio < pair.min) {
      return `${pair.variable} ${pair.colour} is refused: ${pair.use} has a contrast of ${formatRatio(ratio)}, under the ${pair.min}:1 WCAG AA asks of ${pair.kind}.`;
    }
  }
  return null;
}

/** A theme, or the one-line reason the environment's THEME_* values cannot make one. */
export type ThemeOutcome = { ok: true; theme: Theme } | { ok: false; reason: string };

const refuse = (reason: string): ThemeOutcome => ({ ok: false, reason });

/** Reads THEME_NAME, THEME_LOGO, THEME_PRIMARY and THEME_ACCENT (all optional). */
export function readTheme(env: NodeJS.ProcessEnv): ThemeOutcome {
  const name = env.THEME_NAME?.trim() || DEFAULT_THEME.name;
  // eslint-disable-next-line no-control-regex
  if ([...name].length > THEME_LIMITS.nameMax || /[\u0000-\u001f\u007f]/.test(name)) {
    return refuse(`THEME_NAME must be one line of at most ${THEME_LIMITS.nameMax} characters, got "${name}".`);
  }

  const colour = (variable: 'THEME_PRIMARY' | 'THEME_ACCENT'): string | null | undefined => {
    const text = env[variable]?.trim();
    if (!text) return undefined;
    return parseHex(text);
  };
  for (const variable of ['THEME_PRIMARY', 'THEME_ACCENT'] as const) {
    if (colour(variable) === null) return refuse(`${variable} must be a colour written #rrggbb (e.g. #0f69b4), got "${env[variable]}".`);
  }
  const primary = colour('THEME_PRIMARY');
  const accent = colour('THEME_ACCENT');
  const shades = primary ? primaryShades(primary) : DEFAULT_COLORS;
  const colors: ThemeColors = { ...shades, accent: accent ?? shades.primary };
  const problem = contrastProblem(colors);
  if (problem) return refuse(problem);

  const logo = env.THEME_LOGO?.trim() ? readLogo(env.THEME_LOGO.trim()) : null;
  if (logo && 'reason' in logo) return refuse(logo.reason);
  return { ok: true, theme: { name, logo, colors, customColors: primary !== undefined || accent !== undefined } };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The logo file, read once: an SVG or a PNG, small enough for a phone on weak data. */
function readLogo(path: string): ThemeLogo | { reason: string } {
  const file = resolve(path);
  const extension = extname(file).toLowerCase();
  if (extension !== '.svg' && extension !== '.png') return { reason: `THEME_LOGO must be an .svg or .png file, got "${path}".` };
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > THEME_LIMITS.logoMaxBytes) {
      return {
        reason: `THEME_LOGO "${path}" has ${Math.ceil(size / 1024)} KB; a logo may have at most ${THEME_LIMITS.logoMaxBytes / 1024} KB.`,
      };
    }
    bytes = readFileSync(file);
  } catch (error) {
    return { reason: `THEME_LOGO "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
  const png = extension === '.png';
  const looksRight = png ? bytes.subarray(0, 8).equals(PNG_SIGNATURE) : /<svg[\s>]/i.test(bytes.toString('utf8'));
  if (!looksRight) return { reason: `THEME_LOGO "${path}" is not ${png ? 'a PNG image' : 'an SVG image'}.` };
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  return { fileName: `logo-${hash}${extension}`, contentType: png ? 'image/png' : 'image/svg+xml', bytes };
}
