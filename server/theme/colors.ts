/**
 * sRGB colours as "#rrggbb": parsing, mixing, and WCAG 2 contrast (relative luminance), for the
 * deployment's theme. Pure functions, no I/O.
 */

/** "#0f69b4" or "#0F69B4" or "#08c": a colour a deployment may write. */
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#rrggbb", lower case, from "#rgb" or "#rrggbb"; null for anything else. */
export function parseHex(text: string): string | null {
  const value = text.trim().toLowerCase();
  if (!HEX.test(value)) return null;
  return value.length === 4 ? `#${[...value.slice(1)].map((digit) => digit + digit).join('')}` : value;
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb
    .map((value) =>
      Math.round(Math.min(255, Math.max(0, value)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `color` with `share` (0…1) of `other` mixed in, channel by channel: mix(blue, white, 0.9) is a light tint of blue. */
export function mix(color: string, other: string, share: number): string {
  const mixed = channels(other);
  return toHex(channels(color).map((value, i) => value * (1 - share) + mixed[i]! * share));
}

/** WCAG 2's relative luminance: 0 for black, 1 for white. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const s = value / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2's contrast ratio of two colours, 1 (none) to 21 (black on white), order free. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** "4.48:1": a ratio as people read it, rounded down so a refused ratio never shows as the minimum. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
