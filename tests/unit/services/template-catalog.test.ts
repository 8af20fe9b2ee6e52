import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TemplateCatalog } from '../../../server/services/template-catalog.ts';
import { AXES } from '../../../shared/axes.ts';
import type { Template } from '../../../shared/types.ts';

async function builtIn(): Promise<Template> {
  const template = await new TemplateCatalog().get('bienestar-sesion-2');
  if (!template) throw new Error('bienestar-sesion-2 is not in the catalog');
  return template;
}

describe('TemplateCatalog with the built-in templates', () => {
  it('lists bienestar-sesion-2 with its title', async () => {
    expect(await new TemplateCatalog().list()).toContainEqual({
      id: 'bienestar-sesion-2',
      title: 'Gestión del Bien-Estar psicológico en los Servicios Públicos — Sesión 2',
      builtIn: true,
    });
  });

  it('answers undefined for a template it does not have', async () => {
    expect(await new TemplateCatalog().get('no-such-template')).toBeUndefined();
  });
});

// Texts below are copied from PRODUCT.md's run of show (session 2), not from the template file.
describe('bienestar-sesion-2 follows the seed run of show', () => {
  it('opens with "¿Qué me ha pasado desde la primera sesión?" as a multiple choice of the five seed options', async () => {
    const question = (await builtIn()).activities.find((a) => a.title === '¿Qué me ha pasado desde la primera sesión?');
    expect(question?.kind).toBe('choice');
    if (question?.kind !== 'choice') return;
    expect(question.section).toBe('Retomando…');
    expect(question.multiple).toBe(true);
    expect(question.options.map((o) => o.label)).toEqual([
      'Nada',
      'Me quedé pensando',
      'Comencé a realizar algunas cosas',
      'Quedé con ganas de contar lo que estamos haciendo',
      'Quedé con ganas de escuchar lo que otros(as) están haciendo',
    ]);
    // "Nada" cannot be combined with the others.
    expect(question.options.filter((o) => o.exclusive === true).map((o) => o.label)).toEqual(['Nada']);
  });

  it('asks "¿coyuntural o estructural?" as a single choice, the pandemic statement as its premise, "ambas" allowed', async () => {
    const poll = (await builtIn()).activities.find((a) => a.title === '¿Se trata de una situación coyuntural o una condición estructural?');
    expect(poll?.kind).toBe('choice');
    if (poll?.kind !== 'choice') return;
    expect(poll.multiple).toBe(false);
    expect(poll.premise).toBe(
      'La situación pandémica ha hecho que la salud mental y el bienestar psicológico hayan salido del trasfondo para ubicarse en el primer plano',
    );
    expect(poll.body).toBeUndefined();
    // The workshop's own hypothesis answers "both": the option is there.
    expect(poll.options.map((o) => o.label)).toEqual([
      'Una situación coyuntural',
      'Una condición estructural',
      'Ambas: coyuntural en su origen, estructural en sus efectos',
    ]);
  });

  it("carries the slides' text without the typos, and the third bullet level of the hypothesis", async () => {
    const bullets = (await builtIn()).activities
      .filter((a) => a.title === 'La hipótesis propuesta')
      .flatMap((a) => (a.kind === 'content' ? a.bullets : []));
    const texts = bullets.map((b) => b.text);
    expect(texts).toContain('La pandemia es un síntoma');
    expect(texts.some((t) => t.includes('capacidad para vivir y producir'))).toBe(true);
    expect(texts.join(' ')).not.toMatch(/en un síntoma|para a vivir/);
    expect(bullets.find((b) => b.text.startsWith('Pasará en algunos años'))?.level).toBe(2);
  });

  it('has three "La hipótesis propuesta" slides, then the integral strategy slide listing the five axes', async () => {
    const titles = (await builtIn()).activities.map((a) => a.title);
    expect(titles.filter((t) => t === 'La hipótesis propuesta')).toHaveLength(3);
    const strategy = (await builtIn()).activities.find((a) => a.title === 'Estrategia integral para la gestión de la salud mental');
    expect(strategy?.kind).toBe('content');
    if (strategy?.kind !== 'content') return;
    expect(strategy.bullets.map((b) => b.text)).toEqual(AXES.map((a) => a.label));
    expect(titles.lastIndexOf('La hipótesis propuesta')).toBeLessThan(
      titles.indexOf('Estrategia integral para la gestión de la salud mental'),
    );
  });

  it('rates the five axes of shared/axes.ts, in order, with their stable ids', async () => {
    const ratings = (await builtIn()).activities.filter((a) => a.kind === 'rating');
    expect(ratings).toHaveLength(1);
    const scale = ratings[0];
    if (scale?.kind !== 'rating') throw new Error('expected a rating activity');
    expect(scale.title).toBe('De acuerdo con nuestra experiencia, ¿cuánto hemos avanzado en cada nivel de 1 a 5?');
    expect(scale.items).toEqual(AXES.map((a) => ({ id: a.id, label: a.label })));
  });

  it('keeps the seed order: the two Retomando questions, the slides, the rating, then the closing', async () => {
    const kinds = (await builtIn()).activities.map((a) => a.kind);
    const titles = (await builtIn()).activities.map((a) => a.title);
    const at = (title: string) => titles.indexOf(title);
    expect(at('¿Qué me ha pasado desde la primera sesión?')).toBeLessThan(
      at('¿Se trata de una situación coyuntural o una condición estructural?'),
    );
    expect(at('¿Se trata de una situación coyuntural o una condición estructural?')).toBeLessThan(at('La hipótesis propuesta'));
    expect(kinds.indexOf('rating')).toBeGreaterThan(at('Estrategia integral para la gestión de la salud mental'));
    expect(titles.at(-1)).toBe('Para seguir construyendo en conjunto');
  });
});

describe('TemplateCatalog with a directory of its own', () => {
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plenario-templates-'));
  });

  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every valid JSON template and ignores other files', async () => {
    cpSync(new URL('../../../server/templates/bienestar-sesion-2.json', import.meta.url), join(dir, 'a.json'));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ id: 'vacia', title: 'Vacía', activities: [] }));
    writeFileSync(join(dir, 'notes.txt'), 'not a template');
    expect((await new TemplateCatalog(dir).list()).map((t) => t.id)).toEqual(['bienestar-sesion-2', 'vacia']);
  });

  it('refuses a template that breaks the schema, naming the file', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ id: 'ok', title: 'Bien', activities: [] }));
    writeFileSync(
      join(dir, 'one-option.json'),
      JSON.stringify({
        id: 'bad',
        title: 'Mala',
        activities: [{ kind: 'choice', title: '¿Sí?', multiple: false, options: [{ id: 'si', label: 'Sí' }] }],
      }),
    );
    await expect(async () => new TemplateCatalog(dir)).rejects.toThrow(/one-option\.json/);
  });

  it('refuses a template with an unknown field, naming the file', async () => {
    writeFileSync(join(dir, 'extra.json'), JSON.stringify({ id: 'x', title: 'X', activities: [], author: 'someone' }));
    await expect(async () => new TemplateCatalog(dir)).rejects.toThrow(/extra\.json/);
  });

  it('refuses an activity with a misspelt field, naming the file', async () => {
    writeFileSync(
      join(dir, 'typo.json'),
      JSON.stringify({
        id: 'x',
        title: 'X',
        activities: [{ kind: 'rating', title: 'T', items: [{ id: 'a', label: 'A' }], minlabel: 'Nada' }],
      }),
    );
    await expect(async () => new TemplateCatalog(dir)).rejects.toThrow(/typo\.json/);
  });

  it('refuses a file that is not JSON at all, naming the file', async () => {
    writeFileSync(join(dir, 'truncated.json'), '{ "id": "x", "title": ');
    await expect(async () => new TemplateCatalog(dir)).rejects.toThrow(/truncated\.json/);
  });
});
