/**
 * The PDF renderer, read back with poppler: page count, the text layer (accents, every sala,
 * every synthesis field, the axes), the footer on every page, nothing drawn into the margins,
 * and every page rasterised. ensurePoppler() installs poppler-utils on a fresh machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXES } from '../../../shared/axes.ts';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { SessionReport } from '../../../shared/report.ts';
import { renderSeriesPdf, renderSessionPdf } from '../../../server/reports/pdf.ts';
import { PAGE, pdfText } from '../../../server/reports/pdf/layout.ts';
import { ensurePoppler } from '../../support/poppler.ts';
import { emptySessionReport, sampleSeriesReport, sampleSessionReport } from './sample-report.ts';

const t = (key: MessageKey, params?: MessageParams, locale: Locale = 'es-CL') => translate(locale, key, params);

let dir: string;

interface Rendered {
  file: string;
  pages: number;
  /** The text layer in drawing order, whitespace collapsed (wrapped lines joined by one space). */
  text: string;
  /** The text of each page, whitespace collapsed. */
  pageTexts: string[];
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out.split('\n').map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

function read(name: string, pdf: Buffer): Rendered {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const pages = Number(pdfinfo(file).Pages);
  // -raw: text in the order it is drawn (row by row in tables), not regrouped into columns.
  const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  // pdftotext ends every page with a form feed.
  const pageTexts = raw.split('\f').slice(0, pages).map(collapse);
  return { file, pages, text: collapse(raw), pageTexts };
}

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box (points, origin top left) from `pdftotext -bbox`. */
function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const result: Word[] = [];
  let page = 0;
  for (const match of html.matchAll(
    /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (match[0].startsWith('<page')) page += 1;
    else
      result.push({
        page,
        text: match[5]!,
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
      });
  }
  return result;
}

let session: Rendered;
let empty: Rendered;
let series: Rendered;
let english: Rendered;
let sessionPdf: Buffer;

beforeAll(async () => {
  ensurePoppler();
  dir = mkdtempSync(join(tmpdir(), 'plenario-pdf-'));
  sessionPdf = await renderSessionPdf(sampleSessionReport());
  session = read('session', sessionPdf);
  empty = read('empty', await renderSessionPdf(emptySessionReport()));
  series = read('series', await renderSeriesPdf(sampleSeriesReport()));
  english = read('session-en', await renderSessionPdf(sampleSessionReport(), 'en'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('session report PDF', () => {
  const report = sampleSessionReport();

  it('is an A4 PDF with the document info set from the report', () => {
    expect(sessionPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfinfo(session.file);
    expect(info.Title).toBe('Bienestar psicológico — Sesión 2 (Valparaíso)');
    expect(info.Author).toBe('Plenario');
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(new Date(info.CreationDate!).toISOString()).toBe('2026-11-20T16:00:00.000Z');
  });

  it('has the pages the sample needs: title, questions, words and the five axes, agencies, salas, two of syntheses, one of experiences, commitments and the register', () => {
    expect(session.pages).toBe(8);
  });

  it('renders the same report to the same bytes', async () => {
    expect((await renderSessionPdf(sampleSessionReport())).equals(sessionPdf)).toBe(true);
  });

  it('numbers every page in its footer, next to the session title', () => {
    session.pageTexts.forEach((text, index) => {
      expect(text).toContain(`Página ${index + 1} de ${session.pages}`);
      expect(text).toContain(report.session.title);
    });
  });

  it('keeps Spanish accents, ñ, ü, ¿ ¡, curly quotes, dashes and ellipses exactly', () => {
    for (const exact of [
      'Bienestar psicológico — Sesión 2 (Valparaíso)',
      'Sala 2 — Ñuñoa',
      'Trabajaremos en grupos por “salas”',
      'Segunda línea con tildes: árbol, pingüino, acción.',
      'Retomando…',
      '¿Qué me ha pasado desde la primera sesión?',
      'SEREMI de Educación',
      '+56 9 1234 5678 — acompañamiento en terreno',
      'INFORME DE LA SESIÓN',
    ]) {
      expect(session.text).toContain(exact);
    }
  });

  it('holds the title page: series, agencies, participation, status and the privacy note', () => {
    const first = session.pageTexts[0]!;
    expect(first).toContain(report.session.series!.title);
    for (const agency of report.session.agencies) expect(first).toContain(agency);
    expect(first).toContain(`23 ${t('report.participants')} 21 ${t('report.respondents')}`);
    expect(first).toContain(t('report.pdf.closedAt', { date: '20-11-2026, 12:55' }));
    expect(first).toContain(collapse(t('report.privacyNote', { min: LIMITS.smallGroupMin })));
    expect(first).not.toContain(collapse(t('report.participantDataRemoved', { date: '' })).slice(0, 30));
  });

  it('holds every question with its figures', () => {
    for (const question of report.questions) expect(session.text).toContain(question.title);
    // Choice: count and percentage after each option.
    expect(session.text).toContain('Me quedé pensando 12 (60%)');
    expect(session.text).toContain(collapse(t('report.pdf.multipleNote')));
    // Rating: the means.
    for (const mean of ['3,25', '3,15', '3,07', '3,00', '2,94']) expect(session.text).toContain(mean);
    // Open: every visible answer, the hidden count and the words.
    const open = report.questions.find((q) => q.kind === 'open')!;
    if (open.kind !== 'open') throw new Error('sample has an open question');
    for (const answer of open.answers) expect(session.text).toContain(answer);
    expect(session.text).toContain(t('report.hiddenAnswers', { n: 1 }));
    for (const word of open.words) expect(session.text).toContain(word.word);
  });

  it("holds the facilitator's comments under the results they discuss, and a question's premise before it", () => {
    const commented = [...report.questions, ...report.syntheses].filter((e) => e.facilitatorComments !== null);
    expect(commented.length).toBeGreaterThan(1);
    for (const entry of commented) {
      const at = session.text.indexOf(collapse(entry.facilitatorComments!));
      expect(at, entry.title).toBeGreaterThan(session.text.indexOf(entry.title));
    }
    expect(session.text).toContain(t('notes.report.comments'));
    const open = report.questions.find((q) => q.premise !== null)!;
    expect(session.text.indexOf(open.premise!)).toBeLessThan(session.text.indexOf(open.title));
  });

  it('holds the five axes: the means as bars and the radar, each with every axis label', () => {
    const start = session.text.indexOf(t('report.pdf.axisMeans'));
    const radar = session.text.indexOf(t('report.pdf.radar'));
    expect(start).toBeGreaterThan(0);
    expect(radar).toBeGreaterThan(start);
    for (const axis of AXES) {
      expect(session.text.slice(start, radar)).toContain(axis.label);
      expect(session.text.slice(radar)).toContain(axis.label);
    }
    // Charts are never split: the radar's title and its five labels are on one page.
    const page = session.pageTexts.find((text) => text.includes(t('report.pdf.radar')))!;
    for (const axis of AXES) expect(page.slice(page.indexOf(t('report.pdf.radar')))).toContain(axis.label);
  });

  it('holds every sala with its roles, its turns given, its figures, and the small-group text instead of a suppressed sala’s figures', () => {
    const salas = session.text.slice(session.text.indexOf(`${t('report.salas')} ${report.breakouts[0]!.title}`));
    for (const sala of report.breakouts[0]!.salas) expect(salas).toContain(sala.name);
    expect(salas).toContain('Turnos dados');
    expect(salas).toContain(`Sala 1 8 ${t('report.roleFilled')} ${t('report.roleFilled')} 12`);
    expect(salas).toContain(`Sala 3 4 ${t('report.roleEmpty')} ${t('report.roleEmpty')} 0`);
    expect(salas).toContain(t('report.suppressed', { min: LIMITS.smallGroupMin }));
    // Sala 1's and Sala 2's own means on the first axis; Sala 3 has a dash.
    expect(salas).toContain('Liderazgo y gobernanza 2,50 3,00 —');
  });

  it('holds each agency’s participation and five-axis means, and no figure for an agency below the minimum', () => {
    const start = session.text.indexOf(`${t('agencyReport.section')} ${t('report.privacyNote', { min: LIMITS.smallGroupMin })}`);
    expect(start).toBeGreaterThan(0);
    const part = session.text.slice(start, session.text.indexOf(t('report.salas'), start));
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    // Header: the agencies side by side; then participants (the suppressed one: the text), respondents (a dash).
    expect(part).toContain('Servicio Servicio de Salud Valparaíso Dirección Regional del Trabajo SEREMI de Educación');
    expect(part).toContain(`Participantes 12 ${suppressed} 7`);
    expect(part).toContain('Personas que respondieron 11 — 6');
    // The profile: Valparaíso's means; the small agency a dash; SEREMI (4 rated) the text, then dashes.
    expect(part).toContain(`Respondieron la pregunta 8 10 — ${suppressed}`);
    expect(part).toContain('Liderazgo y gobernanza 2,10 — —');
    expect(part).toContain('Fortalecimiento de los sistemas de información 3,30 — —');
    // Nothing after the small agency's name reads as its figure: its column holds the text and dashes only.
    expect(part).not.toMatch(/Participantes 12 \d/);
  });

  it('holds every sala’s synthesis, field by field, marking hidden ones and empty fields', () => {
    const synthesis = report.syntheses[0]!;
    const part = session.text.slice(session.text.indexOf(t('report.syntheses')));
    for (const sala of synthesis.salas) expect(part).toContain(sala.salaName);
    for (const field of synthesis.fields) {
      // Every field label appears once per sala.
      expect(part.split(field.label).length - 1).toBe(synthesis.salas.length);
    }
    expect(part).toContain(`Sala 3 ${t('report.hiddenFromPlenary')}`);
    // When each secretary first saved notes (15:05 and 15:12 UTC, Santiago time); Sala 3 never did.
    expect(part.match(/Primera nota el [^ ]+ [^ ]+/g)).toEqual(['Primera nota el 20-11-2026, 12:05', 'Primera nota el 20-11-2026, 12:12']);
    // Sala 3 wrote nothing: every field reads "(sin texto)"; Sala 2 left the five axes empty.
    expect(part.split(t('report.notWritten')).length - 1).toBe(synthesis.fields.length + AXES.length);
    expect(part).toContain('=HYPERLINK("http://x.example","clic")');
    expect(part).toContain(t('report.pdf.supportTicked', { kinds: 'Información, Formación' }));
    // Support kinds counted.
    expect(part).toContain(`${t('report.supportKinds')}`);
    expect(part).toContain('Información 2 Formación 3 Redes de apoyo 1');
  });

  it('holds each experience card with its fields, and the contact only when its writer opted in', () => {
    const part = session.text.slice(session.text.indexOf(`${t('kind.experience')} Plan IPS Conversa, Contiene y Cobija`));
    expect(part).toContain(`${t('report.pdf.agendaPosition', { position: 7 })} · Sala 1 · Instituto de Previsión Social`);
    expect(part).toContain(`${t('experience.field.axes')} Promoción y prevención · Prestación de servicios`);
    expect(part).toContain(`${t('experience.field.approach')} Preventiva y reactiva`);
    expect(part).toContain(`${t('experience.field.reachCount')} 1332`);
    expect(part).toContain(`${t('experience.field.since')} 2021-04`);
    expect(part).toContain(`${t('experience.field.lesson')} Contener primero, derivar después.`);
    expect(part).toContain(`${t('experience.field.contactEmail')} calidaddevida@ips.gob.cl`);
  });

  it('leaves out the contact rows of a card without the opt-in', async () => {
    const report = sampleSessionReport();
    report.experiences = report.experiences.map((card) => ({ ...card, contact: null }));
    const rendered = read('no-contact', await renderSessionPdf(report));
    expect(rendered.text).toContain('Contener primero, derivar después.');
    expect(rendered.text).not.toContain(t('experience.field.contactEmail'));
    expect(rendered.text).not.toContain('calidaddevida@ips.gob.cl');
  });

  it('holds the commitments as counts, and the small-group text instead of a follow-up’s counts below 5 answers', () => {
    const part = session.text.slice(session.text.indexOf(`${t('reportsall.commitments')} ${t('reportsall.commitments.lead')}`));
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    const at = (position: number) => t('report.pdf.agendaPosition', { position });
    expect(part).toContain(`¿Cumpliste tu compromiso? ${at(1)} · ${t('commitment.kind.review')} — 7 3 2 2`);
    expect(part).toContain(`Segundo repaso ${at(3)} · ${t('commitment.kind.review')} — 3 ${suppressed}`);
    expect(part.split(suppressed).length - 1).toBe(1);
    expect(part).toContain(`¿Qué harás antes de la próxima sesión? ${at(12)} · ${t('commitment.kind.write')} 9 — — — —`);
  });

  it('holds the support register grouped by kind: what the sala asked, its status and the public note', () => {
    const part = session.text.slice(session.text.indexOf(`${t('support.title')} ${t('reportsall.register.lead')}`));
    expect(part).toContain('Formación (1)');
    expect(part).toContain(
      'Sala 1 Instituto de Previsión Social Talleres para jefaturas En curso 25-11-2026, 09:00 Curso de contención emocional en marzo',
    );
    expect(part).toContain(`${t('support.slide.noKind')} (1)`);
    expect(part).toContain(`Sala 2 =Más tiempo para pausas activas Recibido 20-11-2026, 12:30 ${t('reportsall.register.noNote')}`);
    expect(english.text).toContain(`${t('support.slide.noKind', undefined, 'en')} (1)`);
    expect(english.text).toContain(t('reportsall.commitments.lead', undefined, 'en'));
  });

  it('draws nothing into the margins: body text stays inside, only the footer and running header sit outside', () => {
    const bottom = PAGE.height - PAGE.marginBottom;
    for (const word of words(session.file)) {
      expect(word.xMin, word.text).toBeGreaterThanOrEqual(PAGE.marginX - 1);
      expect(word.xMax, word.text).toBeLessThanOrEqual(PAGE.width - PAGE.marginX + 1);
      const inBody = word.yMin >= PAGE.marginTop - 1 && word.yMax <= bottom + 1;
      const inFooter = word.yMin >= PAGE.height - 50 && word.yMax <= PAGE.height - 30;
      const inHeader = word.yMin >= PAGE.marginTop - 30 && word.yMax <= PAGE.marginTop - 8;
      expect(inBody || inFooter || inHeader, `${word.text} on page ${word.page} at y ${word.yMin}–${word.yMax}`).toBe(true);
    }
  });

  it('rasterises every page (pdftoppm -r 60 -png)', () => {
    const out = join(dir, 'session-png');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('pdftoppm', ['-r', '60', '-png', session.file, join(out, 'page')]);
    const files = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(files).toHaveLength(session.pages);
    // An A4 page at 60 dpi with text and charts weighs well over a blank one (~2 KB).
    for (const file of files) expect(statSync(join(out, file)).size).toBeGreaterThan(15_000);
  });

  it('is written in English with locale en', () => {
    expect(english.pageTexts[0]).toContain(t('report.title', undefined, 'en').toUpperCase());
    expect(english.text).toContain(`Page 1 of ${english.pages}`);
    expect(english.text).toContain(t('report.salas', undefined, 'en'));
    expect(english.text).toContain(t('report.suppressed', { min: LIMITS.smallGroupMin }, 'en'));
    expect(english.text).not.toContain('Página');
  });

  it('notes when participant data was removed', async () => {
    const removed: SessionReport = sampleSessionReport();
    removed.session.participantDataRemovedAt = '2027-05-20T15:00:00.000Z';
    const open = removed.questions.find((q) => q.kind === 'open');
    if (open?.kind === 'open') open.answers = [];
    const rendered = read('removed', await renderSessionPdf(removed));
    expect(rendered.pageTexts[0]).toContain(collapse(t('report.participantDataRemoved', { date: '20-05-2027' })));
    expect(rendered.text).toContain(t('report.pdf.answersRemoved'));
  });

  it('flows long texts across pages without losing a word or running into the footer', async () => {
    const long: SessionReport = sampleSessionReport();
    const paragraph =
      'Necesitamos más tiempo protegido para el cuidado de los equipos — “sin esto no avanzamos” — y acompañamiento en terreno. ';
    long.syntheses[0]!.salas[0]!.texts = long.syntheses[0]!.salas[0]!.texts.map((entry) => ({ ...entry, text: paragraph.repeat(40) }));
    const rendered = read('long', await renderSessionPdf(long));
    expect(rendered.pages).toBeGreaterThan(session.pages + 3);
    // Nothing lost: every sentence of the seven fields is there (a page break may fall inside one).
    expect(rendered.text.split('avanzamos”').length - 1).toBe(40 * 7);
    expect(rendered.text.split('Necesitamos').length - 1).toBe(40 * 7);
    const bottom = PAGE.height - PAGE.marginBottom;
    for (const word of words(rendered.file)) {
      const inFooter = word.yMin >= PAGE.height - 50;
      if (!inFooter) expect(word.yMax, `${word.text} on page ${word.page}`).toBeLessThanOrEqual(bottom + 1);
    }
  });
});

describe('empty session report PDF', () => {
  it('is a valid one-page PDF with the title page and the empty message', () => {
    expect(empty.pages).toBe(1);
    expect(empty.text).toContain('Bienestar psicológico — Sesión 2 (Valparaíso)');
    expect(empty.text).toContain(t('report.empty'));
    expect(empty.text).toContain(t('report.noSeries'));
    expect(empty.text).toContain(t('report.noAgencies'));
    expect(empty.text).toContain('Página 1 de 1');
  });
});

describe('series comparison PDF', () => {
  const report = sampleSeriesReport();

  it('has the series title, every session with its date and participation, on numbered pages', () => {
    expect(pdfinfo(series.file).Title).toBe(report.series.title);
    expect(series.pages).toBe(8);
    expect(series.pageTexts[0]).toContain('COMPARACIÓN DE LA SERIE');
    expect(series.pageTexts[0]).toContain(report.series.title);
    expect(series.pageTexts[0]).toContain('1. Sesión 1 20-10-2026 Servicio de Salud Valparaíso 18 17');
    expect(series.pageTexts[0]).toContain('2. Sesión 2 20-11-2026 Servicio de Salud Valparaíso SEREMI de Educación 23 21');
    series.pageTexts.forEach((text, index) => expect(text).toContain(`Página ${index + 1} de ${series.pages}`));
  });

  it('compares the five axes session by session: bars, radar and table, with the change', () => {
    const start = series.text.indexOf(t('report.pdf.axesBySession'));
    const radar = series.text.indexOf(t('report.pdf.radar'));
    const table = series.text.indexOf(t('report.pdf.axesTable'));
    expect(start).toBeGreaterThan(0);
    expect(radar).toBeGreaterThan(start);
    expect(table).toBeGreaterThan(radar);
    for (const axis of AXES) {
      expect(series.text.slice(start, radar)).toContain(axis.label);
      expect(series.text.slice(radar, table)).toContain(axis.label);
      expect(series.text.slice(table)).toContain(axis.label);
    }
    // Legend: one entry per session.
    expect(series.text.slice(start, radar)).toContain('Sesión 1 (20-10-2026) Sesión 2 (20-11-2026)');
    // Liderazgo: 3,25 then 3,56, a change of +0,31; the first session has no change.
    expect(series.text).toContain('Liderazgo y gobernanza Sesión 1 3,25 12 1 · 2 · 4 · 3 · 2 — Sesión 2 3,56 16 1 · 2 · 4 · 5 · 4 +0,31');
  });

  it('holds each agency session by session, with no figure where it was below the minimum', () => {
    const part = series.text.slice(series.text.indexOf(t('agencyReport.seriesProfile')));
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    // Valparaíso in both sessions, side by side; SEREMI only in the second, below the minimum there.
    expect(part).toContain('Servicio de Salud Valparaíso Eje Sesión 1 (20-10-2026) Sesión 2 (20-11-2026) Participantes 9 12');
    expect(part).toContain('Personas que respondieron 9 11 Liderazgo y gobernanza 2,00 2,10');
    expect(part).toContain('Fortalecimiento de los sistemas de información 2,80 3,30');
    expect(part).toContain(`SEREMI de Educación Eje Sesión 2 (20-11-2026) Participantes ${suppressed} Personas que respondieron —`);
    const seremi = part.slice(part.indexOf('SEREMI de Educación Eje'), part.indexOf(t('seriesCompare.section')));
    // No number of its own: only its session's date, the small-group text and page footers hold digits.
    const own = seremi
      .replace('Sesión 2 (20-11-2026)', '')
      .replace(suppressed, '')
      .replace(/Página \d+ de \d+/g, '');
    expect(own).not.toMatch(/\d/);
  });

  it('holds the ranking and points the sessions shared, items down and sessions across, none where below the minimum', () => {
    const part = series.text.slice(series.text.indexOf(t('seriesCompare.section')), series.text.indexOf(t('report.pdf.supportBySession')));
    const suppressed = t('report.suppressed', { min: LIMITS.smallGroupMin });
    expect(part).toContain(`Prioricen los desafíos ${t('report.kind.ranking')}: posición promedio · en primer lugar`);
    expect(part).toContain(`Ítem Sesión 1 (20-10-2026) Sesión 2 (20-11-2026) n 12 ${suppressed}`);
    // However the percent sign is spaced (a narrow space in es-CL), the figures are these.
    expect(part.replace(/\s+%/g, '%')).toContain(
      'Carga de trabajo 1,25 · 75% primero — Liderazgo 2,50 · 25% primero — Reconocimiento 2,25 · 0% primero —',
    );
    expect(part).toContain('Repartan 100 puntos Reparto de puntos: puntos promedio (100 puntos)');
    expect(part).toContain('n 10 8 Información 62,50 41,00 Formación 37,50 59,00');
  });

  it('holds the support kinds per session and every session’s syntheses', () => {
    const support = series.text.slice(series.text.indexOf(t('report.pdf.supportBySession')));
    expect(support).toContain('Información 1 2 Formación 2 3');
    const syntheses = series.text.slice(series.text.indexOf(t('report.syntheses'), series.text.indexOf(t('report.pdf.supportBySession'))));
    for (const session of report.sessions) expect(syntheses).toContain(session.title);
    for (const field of report.syntheses[0]!.syntheses[0]!.fields) expect(syntheses.split(field.label).length - 1).toBe(2 * 3);
  });

  it('rasterises every page', () => {
    const out = join(dir, 'series-png');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('pdftoppm', ['-r', '60', '-png', series.file, join(out, 'page')]);
    const files = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(files).toHaveLength(series.pages);
    for (const file of files) expect(statSync(join(out, file)).size).toBeGreaterThan(15_000);
  });

  it('renders a series without sessions as a title page with a message', async () => {
    const rendered = read('series-empty', await renderSeriesPdf({ ...report, sessions: [], axes: [], support: [], syntheses: [] }));
    expect(rendered.pages).toBe(1);
    expect(rendered.text).toContain(t('report.pdf.seriesEmpty'));
  });
});

describe('pdfText', () => {
  it('keeps what the standard fonts print and replaces the rest', () => {
    expect(pdfText('¿Qué? ¡Sí! “Ñuñoa” — pingüino… €')).toBe('¿Qué? ¡Sí! “Ñuñoa” — pingüino… €');
    expect(pdfText('≥ 3 → bien 😊')).toBe('>= 3 -> bien ');
    expect(pdfText('a\u202fb\u2009c\r\nd\te')).toBe('a b c\nd e');
    expect(pdfText('Łódź ő')).toBe('Lódz o');
    expect(pdfText('日本')).toBe('??');
  });
});
