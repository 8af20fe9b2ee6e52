import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from '../../../server/domain/templates.ts';
import type { Template } from '../../../shared/types.ts';

const template: Template = {
  id: 'demo',
  title: 'Demo',
  activities: [
    { kind: 'content', title: 'Bienvenida', bullets: [{ text: 'Hola', level: 0 }] },
    {
      kind: 'choice',
      title: '¿Sí o no?',
      multiple: false,
      options: [
        { id: 'si', label: 'Sí' },
        { id: 'no', label: 'No' },
      ],
    },
    { kind: 'rating', title: 'Califica', items: [{ id: 'x', label: 'Equis' }], minLabel: 'Nada', maxLabel: 'Mucho' },
  ],
};

function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

describe('instantiateTemplate', () => {
  it('gives every activity a fresh id from the generator, in agenda order', () => {
    const agenda = instantiateTemplate(template, counter('act-'));
    expect(agenda.map((a) => a.id)).toEqual(['act-1', 'act-2', 'act-3']);
  });

  it('keeps the order, kinds and texts of the template', () => {
    const agenda = instantiateTemplate(template, counter('id'));
    expect(agenda.map((a) => a.kind)).toEqual(['content', 'choice', 'rating']);
    expect(agenda.map((a) => a.title)).toEqual(['Bienvenida', '¿Sí o no?', 'Califica']);
    expect(agenda[1]).toMatchObject({
      multiple: false,
      options: [
        { id: 'si', label: 'Sí' },
        { id: 'no', label: 'No' },
      ],
    });
    expect(agenda[2]).toMatchObject({ items: [{ id: 'x', label: 'Equis' }], minLabel: 'Nada', maxLabel: 'Mucho' });
  });

  it('gives distinct ids to two sessions made from the same template', () => {
    const next = counter('id');
    const first = instantiateTemplate(template, next).map((a) => a.id);
    const second = instantiateTemplate(template, next).map((a) => a.id);
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  });

  it('leaves the template itself without ids', () => {
    instantiateTemplate(template, counter('id'));
    for (const activity of template.activities) expect(activity).not.toHaveProperty('id');
  });

  it('makes an empty agenda from an empty template without asking for ids', () => {
    let asked = 0;
    expect(instantiateTemplate({ id: 'empty', title: 'Vacía', activities: [] }, () => String(++asked))).toEqual([]);
    expect(asked).toBe(0);
  });
});
