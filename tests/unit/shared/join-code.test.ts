import { describe, expect, it } from 'vitest';
import { normalizeJoinCode, sanitizeJoinCodeInput } from '../../../shared/join-code.ts';

describe('normalizeJoinCode', () => {
  it('accepts six digits as they are, leading zeros included', () => {
    expect(normalizeJoinCode('482913')).toBe('482913');
    expect(normalizeJoinCode('000042')).toBe('000042');
  });

  it('accepts the grouped forms people copy from the screen or type', () => {
    expect(normalizeJoinCode('482 913')).toBe('482913');
    expect(normalizeJoinCode('482-913')).toBe('482913');
    expect(normalizeJoinCode(' 482913 ')).toBe('482913');
    expect(normalizeJoinCode('48 29 13')).toBe('482913');
    expect(normalizeJoinCode('482\t913\n')).toBe('482913');
    // A non-breaking space, as pasted from a formatted document or chat.
    expect(normalizeJoinCode('482\u00a0913')).toBe('482913');
  });

  it('refuses letters and other symbols instead of dropping them', () => {
    expect(normalizeJoinCode('48291a')).toBeNull();
    expect(normalizeJoinCode('ABCDEF')).toBeNull();
    expect(normalizeJoinCode('482.913')).toBeNull();
    expect(normalizeJoinCode('482_913')).toBeNull();
    expect(normalizeJoinCode('+482913')).toBeNull();
  });

  it('refuses too few or too many digits', () => {
    expect(normalizeJoinCode('')).toBeNull();
    expect(normalizeJoinCode('   ')).toBeNull();
    expect(normalizeJoinCode('48291')).toBeNull();
    expect(normalizeJoinCode('482 91')).toBeNull();
    expect(normalizeJoinCode('4829130')).toBeNull();
    expect(normalizeJoinCode('482 913 0')).toBeNull();
  });

  it('refuses digits from other scripts, which the server would not find', () => {
    expect(normalizeJoinCode('４８２９１３')).toBeNull();
    expect(normalizeJoinCode('٤٨٢٩١٣')).toBeNull();
  });
});

describe('sanitizeJoinCodeInput', () => {
  it('keeps digits, spaces and dashes as typed', () => {
    expect(sanitizeJoinCodeInput('482 913')).toBe('482 913');
    expect(sanitizeJoinCodeInput('482-913')).toBe('482-913');
  });

  it('drops letters, dots and other symbols while typing', () => {
    expect(sanitizeJoinCodeInput('abc482913')).toBe('482913');
    expect(sanitizeJoinCodeInput('482.913')).toBe('482913');
    expect(sanitizeJoinCodeInput('#482,913!')).toBe('482913');
    expect(sanitizeJoinCodeInput('código')).toBe('');
  });

  it('leaves something normalizeJoinCode accepts when the digits were right', () => {
    expect(normalizeJoinCode(sanitizeJoinCodeInput('Código: 482.913'))).toBe('482913');
  });
});
