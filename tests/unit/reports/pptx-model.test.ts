import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AXES } from '../../../shared/axes.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { SessionReport } from '../../../shared/report.ts';
import { renderSessionPptx } from '../../../server/reports/pptx.ts';
import { buildDeck, linesOf, paginate, SLIDE_BUILDERS, TEXT_FIT, type DeckSlide } from '../../../server/reports/pptx-model.ts';
import { emptySessionReport, sampleSessionReport } from './sample-report.ts';

const ctx = {
  t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('es-CL', key, params),
  locale: 'es-CL' as const,
};
const suppressed = translate('es-CL', 'report.suppressed', { min: LIMITS.smallGroupMin });

const charts = (slides: DeckSlide[]) => slides.flatMap((s) => (s.kind === 'chart' ? s.charts : []));
const titles = (slides: DeckSlide[]) => slides.map((s) => s.title);

describe('buildDeck', () => {
  const report = sampleSessionReport();
  const deck = buildDeck(report, 'es-CL');

  it('is one list of slide builders, in the deck’s order: title, questions, profile, syntheses, support, experiences, register, agencies', () => {
    expect(SLIDE_BUILDERS).toHaveLength(8);
    expect(deck[0]!.kind).toBe('title');
    expect(titles(deck)).toEqual([
      report.session.title,
      ...report.questions.map((q) => q.title),
      'Perfil de los cinco ejes',
      // Seven guide questions do not fit one slide: each synthesis goes on.
      'Sala 1 — síntesis',
      'Sala 1 — síntesis (continuación)',
      'Sala 2 — Ñuñoa — síntesis',
      'Sala 2 — Ñuñoa — síntesis (continuación)',
      'Apoyo que piden al Servicio Civil',
      'Plan IPS Conversa, Contiene y Cobija',
      'Lo que pidieron las salas y su seguimiento',
      'Participación por servicio',
    ]);
  });

  it('opens with the session: title, series, date and code, agencies, participation', () => {
    const title = deck[0]!;
    if (title.kind !== 'title') throw new Error('no title slide');
    expect(title.kicker).toBe('Resultados del taller');
    expect(title.lines).toEqual([
      report.session.series!.title,
      '20-11-2026 · Código 482 913',
      `Servicios participantes: ${report.session.agencies.join(', ')}`,
      'Participantes: 23 · Personas que respondieron: 21',
    ]);
  });

  it('charts a choice question as bars of counts, in the agenda’s order, with the comments as speaker notes', () => {
    const choice = report.questions[0]!;
    if (choice.kind !== 'choice') throw new Error('sample changed');
    const slide = deck[1]!;
    expect(slide).toMatchObject({
      kind: 'chart',
      caption: `20 personas respondieron · Se podía marcar más de una opción`,
      notes: choice.facilitatorComments,
    });
    expect(charts([slide])).toEqual([
      {
        type: 'bar',
        categories: choice.options.map((o) => o.label),
        series: [{ name: 'Personas que la marcaron', values: choice.options.map((o) => o.count) }],
        stacked: false,
        max: null,
        values: 'count',
      },
    ]);
  });

  it('charts a rating question as the 1…5 distribution stacked per item, each with its mean', () => {
    const rating = report.questions.find((q) => q.kind === 'rating')!;
    if (rating.kind !== 'rating') throw new Error('sample changed');
    const [chart] = charts([deck.find((s) => s.title === rating.title)!]);
    expect(chart).toMatchObject({ type: 'bar', stacked: true });
    expect(chart!.categories[0]).toBe(`${rating.items[0]!.label} (promedio ${rating.items[0]!.mean!.toFixed(2).replace('.', ',')})`);
    expect(chart!.series.map((s) => s.name)).toEqual(['1', '2', '3', '4', '5']);
    rating.items.forEach((item, i) => expect(chart!.series.map((s) => s.values[i])).toEqual(item.counts));
  });

  it('charts an open question’s most mentioned words, and says so when there are none', () => {
    const open = report.questions.find((q) => q.kind === 'open')!;
    if (open.kind !== 'open') throw new Error('sample changed');
    const [chart] = charts([deck.find((s) => s.title === open.title)!]);
    expect(chart!.categories).toEqual(open.words.slice(0, 10).map((w) => w.word));
    const quiet = buildDeck({ ...report, questions: [{ ...open, words: [], answers: [] }] }, 'es-CL');
    expect(quiet[1]).toMatchObject({ kind: 'text', blocks: [{ heading: '', text: 'Sin respuestas' }] });
  });

  it('draws the five-axis profile as a radar and as bars of the means on the 1…5 scale', () => {
    const slide = deck.find((s) => s.title === 'Perfil de los cinco ejes')!;
    const rating = report.questions.find((q) => q.kind === 'rating' && q.fiveAxes)!;
    if (rating.kind !== 'rating') throw new Error('sample changed');
    const [radar, bars] = charts([slide]);
    expect(radar).toEqual({
      type: 'radar',
      categories: AXES.map((a) => a.label),
      series: [{ name: 'Promedio', values: rating.items.map((i) => i.mean) }],
      max: 5,
    });
    expect(bars).toMatchObject({ type: 'bar', max: 5, values: 'mean', categories: AXES.map((a) => a.label) });
  });

  it('gives each sala that wrote its synthesis, field by field, with "(sin texto)" for what it left empty and the support it asked', () => {
    const synthesis = report.syntheses[0]!;
    const sala2 = deck.filter((s) => s.title.startsWith('Sala 2 — Ñuñoa'));
    expect(sala2.map((s) => s.caption)).toEqual(['Borrador', 'Borrador']);
    const blocks = sala2.flatMap((s) => (s.kind === 'text' ? s.blocks : []));
    expect(blocks.map((b) => b.heading)).toEqual([...synthesis.fields.map((f) => f.label), 'Apoyo que piden al Servicio Civil']);
    expect(blocks.filter((b) => b.text === '(sin texto)')).toHaveLength(AXES.length);
    expect(blocks.at(-1)!.text).toBe('Formación, Redes de apoyo');
    // Sala 3 wrote nothing: no slide.
    expect(deck.some((s) => s.title.startsWith('Sala 3'))).toBe(false);
    // The comments on the syntheses are the first synthesis slide's notes.
    expect(deck.find((s) => s.title === 'Sala 1 — síntesis')!.notes).toBe(synthesis.facilitatorComments);
  });

  it('tallies the support kinds the salas asked for', () => {
    const [chart] = charts([deck.find((s) => s.title === 'Apoyo que piden al Servicio Civil')!]);
    expect(chart).toMatchObject({ categories: ['Información', 'Formación', 'Redes de apoyo'], series: [{ values: [2, 3, 1] }] });
  });

  it('gives each experience card a slide: where it came from, its fields, the lesson, and the contact when opted in', () => {
    const card = deck.find((s) => s.title === 'Plan IPS Conversa, Contiene y Cobija')!;
    expect(card).toMatchObject({
      kind: 'text',
      caption: 'Experiencia · Sala 1 · Instituto de Previsión Social',
      blocks: [
        {
          heading: '',
          text: 'Ejes: Promoción y prevención · Prestación de servicios\nTipo: Preventiva y reactiva\nAlcance: 1332 personas\nDesde: 2021-04',
        },
        { heading: 'Aprendizaje', text: 'Contener primero, derivar después.' },
        { heading: '', text: 'Contacto: Unidad de Calidad de Vida · calidaddevida@ips.gob.cl' },
      ],
    });
    // A participant's own card, without reach, date, lesson or the opt-in: no sala, no contact.
    const bare = { ...report.experiences[0]!, salaName: null, reach: null, since: null, lesson: null, contact: null };
    const [slide] = buildDeck({ ...report, experiences: [bare] }, 'es-CL').filter((s) => s.title === bare.name);
    expect(slide).toMatchObject({
      caption: 'Experiencia · Instituto de Previsión Social',
      blocks: [{ heading: '', text: 'Ejes: Promoción y prevención · Prestación de servicios\nTipo: Preventiva y reactiva' }],
    });
    expect(JSON.stringify(slide)).not.toContain('calidaddevida');
  });

  it('follows up the support register: kind, sala, status and the public note, as many entries a slide as fit', () => {
    const slide = deck.find((s) => s.title === 'Lo que pidieron las salas y su seguimiento')!;
    if (slide.kind !== 'table') throw new Error('not a table');
    expect(slide.header).toEqual(['Tipo de apoyo', 'Sala', 'Estado', 'Lo que hicimos (nota pública)']);
    expect(slide.rows).toEqual([
      ['Formación', 'Sala 1', 'En curso', 'Curso de contención emocional en marzo'],
      ['Otros pedidos', 'Sala 2', 'Recibido', 'Sin nota aún'],
    ]);
    // Short entries: several a slide; notes of the longest kind (280 characters): one a slide, none lost.
    const short = { ...report, supportRegister: Array.from({ length: 10 }, () => report.supportRegister[1]!) };
    const shortSlides = buildDeck(short, 'es-CL').filter((s) => s.title.startsWith('Lo que pidieron las salas'));
    expect(shortSlides.map((s) => (s.kind === 'table' ? s.rows.length : 0))).toEqual([8, 2]);
    expect(shortSlides[1]!.title).toBe('Lo que pidieron las salas y su seguimiento (continuación)');
    const note = 'Curso de contención emocional para jefaturas en marzo. '.repeat(5).slice(0, 280);
    const long = { ...report, supportRegister: Array.from({ length: 7 }, () => ({ ...report.supportRegister[0]!, note })) };
    const longSlides = buildDeck(long, 'es-CL').filter((s) => s.title.startsWith('Lo que pidieron las salas'));
    expect(longSlides.map((s) => (s.kind === 'table' ? s.rows.length : 0))).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('lists each agency’s participation and means, and no figure for an agency below the minimum', () => {
    const slide = deck.at(-1)!;
    if (slide.kind !== 'table') throw new Error('not a table');
    expect(slide.header).toEqual(['Eje', ...report.agencies.map((a) => a.name)]);
    expect(slide.rows).toEqual([
      ['Participantes', '12', suppressed, '7'],
      ['Personas que respondieron', '11', '—', '6'],
      [AXES[0]!.label, '2,10', '—', suppressed],
      ...AXES.slice(1).map((axis, i) => [axis.label, ['2,40', '2,70', '3,00', '3,30'][i], '—', '—']),
    ]);
    // The small agency's column holds no number.
    expect(
      slide.rows
        .map((row) => row[2])
        .join(' ')
        .replace(suppressed, ''),
    ).not.toMatch(/\d/);
  });

  it('puts at most five agencies side by side, the rest on the next slide', () => {
    const many = { ...report, agencies: Array.from({ length: 7 }, (_, i) => ({ ...report.agencies[0]!, name: `Servicio ${i + 1}` })) };
    const tables = buildDeck(many, 'es-CL').filter((s) => s.kind === 'table' && s.title.startsWith('Participación'));
    expect(tables.map((s) => (s.kind === 'table' ? s.header.length - 1 : 0))).toEqual([5, 2]);
    expect(tables[1]!.title).toBe('Participación por servicio (continuación)');
  });

  it('follows the report’s locale', () => {
    const english = buildDeck(report, 'en');
    expect(english[0]).toMatchObject({ kicker: 'Workshop results' });
    expect(titles(english)).toContain('Five-axis profile');
    expect(titles(english)).toContain('Participation by agency');
  });

  it('makes a title slide saying there are no results, and nothing else, for an empty session', () => {
    const empty = buildDeck(emptySessionReport(), 'es-CL');
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ kind: 'title', caption: 'Esta sesión no tiene resultados todavía.' });
  });
});

describe('paginate', () => {
  const paragraph = (n: number) => Array.from({ length: n }, (_, i) => `palabra${i}`).join(' ');

  it('keeps short blocks on one slide', () => {
    const slides = paginate(
      'Sala 1',
      [
        { heading: 'A', text: 'uno' },
        { heading: 'B', text: 'dos' },
      ],
      ctx,
    );
    expect(slides).toHaveLength(1);
  });

  it('moves a block that does not fit to the next slide, and cuts one longer than a slide at words, losing none', () => {
    const long = paragraph(600);
    const slides = paginate(
      'Sala 1',
      [
        { heading: 'A', text: 'corto' },
        { heading: 'B', text: long },
      ],
      ctx,
    );
    expect(slides.length).toBeGreaterThan(2);
    expect(
      titles(slides)
        .slice(1)
        .every((t) => t === 'Sala 1 (continuación)'),
    ).toBe(true);
    const texts = slides.flatMap((s) => (s.kind === 'text' ? s.blocks : []));
    expect(texts[0]).toEqual({ heading: 'A', text: 'corto' });
    // The long block starts on the second slide and every word comes back, in order.
    expect(slides[0]!.kind === 'text' && slides[0]!.blocks).toHaveLength(1);
    expect(
      texts
        .slice(1)
        .map((b) => b.text)
        .join(' '),
    ).toBe(long);
    for (const slide of slides) {
      if (slide.kind !== 'text') continue;
      const lines = slide.blocks.reduce((n, b) => n + 1 + linesOf(b.text), 0);
      expect(lines).toBeLessThanOrEqual(TEXT_FIT.lines + 1);
    }
  });
});

describe('renderSessionPptx', () => {
  it('writes a 16:9 PowerPoint with one slide per slide of the model, native charts and a table, the notes', async () => {
    const report: SessionReport = sampleSessionReport();
    const zip = await JSZip.loadAsync(await renderSessionPptx(report));
    const files = Object.keys(zip.files);
    const deck = buildDeck(report, 'es-CL');
    expect(files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(deck.length);
    expect(files.filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(charts(deck).length);
    const presentation = await zip.file('ppt/presentation.xml')!.async('string');
    expect(presentation).toContain('<p:sldSz cx="12192000" cy="6858000"');
    const last = await zip.file(`ppt/slides/slide${deck.length}.xml`)!.async('string');
    expect(last).toContain('<a:tbl>');
    expect(last).toContain('Dirección Regional del Trabajo');
    const notes = await Promise.all(files.filter((f) => /notesSlide\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(notes.some((n) => n.includes('La mayoría se quedó pensando'))).toBe(true);
  });
});
