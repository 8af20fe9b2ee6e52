import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import {
  clip,
  previousInSeries,
  retomandoIndex,
  retomandoSlide,
  withRetomandoSlide,
  type RegisterLine,
} from '../../../server/domain/retomando-slide.ts';
import { codeOf } from '../app-error.ts';

const es = (key: MessageKey, params?: MessageParams) => translate('es-CL', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

const line = (over: Partial<RegisterLine>): RegisterLine => ({
  kindId: 'formacion',
  kindLabel: 'Formación',
  text: 'Talleres para jefaturas',
  status: 'recibido',
  note: '',
  ...over,
});

describe('retomandoSlide', () => {
  it('says, per kind, what the salas asked and what Servicio Civil did', () => {
    const slide = retomandoSlide(
      [
        line({ status: 'entregado', note: 'Curso de contención en marzo' }),
        line({ text: 'Formación en primeros auxilios psicológicos', status: 'entregado', note: 'Curso de contención en marzo' }),
        line({ kindId: 'redes', kindLabel: 'Generación de redes', text: '', status: 'en-analisis' }),
      ],
      es,
    );
    expect(slide).toEqual({
      kind: 'content',
      section: 'Retomando…',
      title: 'Lo que pidieron y lo que hicimos',
      bullets: [
        { text: 'Formación (2 sala(s))', level: 0 },
        {
          text: 'Lo que pidieron: «Talleres para jefaturas» · «Formación en primeros auxilios psicológicos»; lo que hicimos: Curso de contención en marzo',
          level: 1,
        },
        { text: 'Generación de redes (1 sala(s))', level: 0 },
        { text: 'Lo que pidieron: marcado en la síntesis; lo que hicimos: sin nota aún (estado: en análisis)', level: 1 },
      ],
    });
  });

  it('is in the session’s language', () => {
    const slide = retomandoSlide([line({ kindId: null, kindLabel: null, status: 'descartado', note: 'Fuera de nuestro ámbito' })], en);
    expect(slide?.title).toBe('What you asked for and what we did');
    expect(slide?.bullets[0]?.text).toBe('Other requests (1 group(s))');
    expect(slide?.bullets[1]?.text).toBe('What you asked for: «Talleres para jefaturas»; what we did: Fuera de nuestro ámbito');
  });

  it('is null when nothing was asked', () => {
    expect(retomandoSlide([], es)).toBeNull();
  });

  it('stays within a slide’s limits however much was asked', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      line({ kindId: `k${i}`, kindLabel: `Tipo ${i}`, text: 'palabra '.repeat(300), note: 'n'.repeat(280) }),
    );
    const slide = retomandoSlide(many, es);
    expect(slide?.bullets).toHaveLength(LIMITS.bulletsMax);
    expect(slide?.bullets.every((b) => b.text.length <= LIMITS.bulletTextMax)).toBe(true);
  });
});

describe('clip', () => {
  it('cuts at a word with an ellipsis, and leaves short text as it is', () => {
    expect(clip('uno dos tres cuatro', 12)).toBe('uno dos…');
    expect(clip('  uno\n dos ', 12)).toBe('uno dos');
  });
});

describe('where the slide goes', () => {
  const agenda = [
    { kind: 'content', title: 'Portada' },
    { kind: 'choice', section: 'Retomando…' },
    { kind: 'choice', section: 'Retomando…' },
  ];

  it('opens the Retomando section, else follows the title slide, else comes first', () => {
    expect(retomandoIndex(agenda, 'Retomando…')).toBe(1);
    expect(retomandoIndex([{ kind: 'content' }, { kind: 'rating' }], 'Retomando…')).toBe(1);
    expect(retomandoIndex([{ kind: 'rating' }], 'Picking up…')).toBe(0);
  });

  it('is inserted with a new id, and refused when the agenda is full', () => {
    const slide = retomandoSlide([line({})], es);
    const placed = withRetomandoSlide(agenda, slide, () => 'new');
    expect(placed.map((a) => a.kind)).toEqual(['content', 'content', 'choice', 'choice']);
    expect(placed[1]).toMatchObject({ id: 'new', title: 'Lo que pidieron y lo que hicimos' });
    expect(withRetomandoSlide(agenda, null, () => 'new')).toEqual(agenda);
    const full = Array.from({ length: LIMITS.activitiesMax }, () => ({ kind: 'rating' }));
    expect(codeOf(() => withRetomandoSlide(full, slide, () => 'new'))).toBe('VALIDATION_FAILED');
  });
});

describe('previousInSeries', () => {
  const series = [
    { id: 's1', createdAt: 1, ownerAccountId: 'ana' },
    { id: 'b1', createdAt: 2, ownerAccountId: 'beto' },
    { id: 's2', createdAt: 3, ownerAccountId: 'ana' },
    { id: 's3', createdAt: 4, ownerAccountId: 'ana' },
  ];

  it('is the latest earlier session the reader may read', () => {
    expect(previousInSeries(series, { id: 's3', createdAt: 4 }, 'ana')?.id).toBe('s2');
    expect(previousInSeries(series, { id: 's2', createdAt: 3 }, 'ana')?.id).toBe('s1');
    expect(previousInSeries(series, { id: 's2', createdAt: 3 }, null)?.id).toBe('b1');
  });

  it('is null for the first session, or when none earlier is the reader’s', () => {
    expect(previousInSeries(series, { id: 's1', createdAt: 1 }, 'ana')).toBeNull();
    expect(previousInSeries(series, { id: 'b1', createdAt: 2 }, 'beto')).toBeNull();
  });
});
