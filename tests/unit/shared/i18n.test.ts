import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en.ts';
import { esCL } from '../../../shared/i18n/es-CL.ts';
import { LOCALES, formatJoinCode, translate, type MessageKey } from '../../../shared/i18n/index.ts';
import { ERROR_CODES } from '../../../shared/errors.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
const keys = Object.keys(esCL) as MessageKey[];

describe('message dictionaries', () => {
  it('has every es-CL key in en, and no key en alone', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s has the same {param} placeholders in es-CL and en', (key) => {
    expect(placeholders(en[key])).toEqual(placeholders(esCL[key]));
  });

  it('has no empty message in either locale', () => {
    const empty = LOCALES.flatMap((locale) => keys.filter((key) => translate(locale, key).trim() === '').map((key) => `${locale}:${key}`));
    expect(empty).toEqual([]);
  });

  it('has a message for every error code the server may send', () => {
    for (const code of ERROR_CODES) expect(keys).toContain(`error.${code}`);
  });
});

describe('translate', () => {
  it('returns the message of the locale asked for', () => {
    expect(translate('es-CL', 'console.next')).toBe('Siguiente');
    expect(translate('en', 'console.next')).toBe('Next');
  });

  it('fills every {param}, numbers included', () => {
    expect(translate('es-CL', 'results.respondents', { n: 12, m: 30 })).toBe('12 de 30 han respondido');
    expect(translate('en', 'results.respondents', { n: 12, m: 30 })).toBe('12 of 30 have answered');
  });

  it('fills a param used by a message with several params and leaves the other text alone', () => {
    expect(translate('es-CL', 'participant.rateValue', { item: 'Liderazgo y gobernanza', value: 4 })).toBe(
      'Liderazgo y gobernanza: 4 de 5',
    );
  });

  it('leaves a placeholder as it is when its param is missing', () => {
    expect(translate('en', 'results.respondents', { n: 3 })).toBe('3 of {m} have answered');
  });

  it('does not treat a param value as a placeholder to fill again', () => {
    expect(translate('en', 'participant.as', { name: '{name}' })).toBe('Taking part as {name}');
    expect(translate('en', 'notice.who', { title: 'A {title} B' })).toBe('This session, “A {title} B”, is run by the Servicio Civil.');
  });
});

describe('formatJoinCode', () => {
  it('groups six digits in two threes', () => {
    expect(formatJoinCode('482913')).toBe('482 913');
    expect(formatJoinCode('000042')).toBe('000 042');
  });

  it('leaves anything that is not six characters as it is', () => {
    expect(formatJoinCode('48291')).toBe('48291');
    expect(formatJoinCode('')).toBe('');
  });
});
