import { describe, expect, it } from 'vitest';
import { contrast, formatRatio, luminance, mix, parseHex } from '../../../server/theme/colors.ts';

describe('theme colours', () => {
  it.each([
    ['#0F69B4', '#0f69b4'],
    [' #08c ', '#0088cc'],
    ['#ffffff', '#ffffff'],
  ])('reads %s as %s', (text, hex) => {
    expect(parseHex(text)).toBe(hex);
  });

  it.each(['0f69b4', '#0f69b', '#0f69b4ff', 'blue', 'rgb(0,0,0)', '#ggg', ''])('refuses %s', (text) => {
    expect(parseHex(text)).toBeNull();
  });

  it('measures WCAG 2 luminance and contrast', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBe(1);
    expect(contrast('#000000', '#ffffff')).toBe(21);
    expect(contrast('#ffffff', '#000000')).toBe(21);
    expect(contrast('#777777', '#777777')).toBe(1);
    // Known pairs: #767676 on white is the classic 4.54:1; Plenario's blue on white 5.68:1 (worked by hand).
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#0f69b4', '#ffffff')).toBeCloseTo(5.68, 2);
  });

  it('mixes channel by channel', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#0f69b4', '#ffffff', 0)).toBe('#0f69b4');
    expect(mix('#0f69b4', '#000000', 1)).toBe('#000000');
  });

  it('writes a ratio rounded down, so a refused one never reads as the minimum', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });
});
