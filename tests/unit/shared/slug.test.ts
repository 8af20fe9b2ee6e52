import { describe, expect, it } from 'vitest';
import { slugify } from '../../../shared/slug.ts';

describe('slugify', () => {
  it('folds accents and symbols into lower-case ASCII words joined by hyphens', () => {
    expect(slugify('Gestión del Bien-Estar psicológico — Sesión 2 (Ñuble)')).toBe('gestion-del-bien-estar-psicologico-sesion-2-nuble');
  });
  it('cuts at the length given without leaving a trailing hyphen, and is empty for symbols only', () => {
    expect(slugify('abc def ghi', 4)).toBe('abc');
    expect(slugify('¿¡!?')).toBe('');
  });
});
