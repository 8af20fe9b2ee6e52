import { describe, expect, it } from 'vitest';
import { translate, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { SessionReport } from '../../../shared/report.ts';
import { neutraliseFormula } from '../../../server/reports/cells.ts';
import { renderSessionCsv } from '../../../server/reports/csv.ts';
import { isoWithOffset } from '../../../server/reports/format.ts';
import { emptySessionReport, sampleSessionReport } from './sample-report.ts';

/**
 * A strict RFC 4180 reader: fields quoted or not, doubled quotes inside quotes, records ending
 * in CRLF. A bare CR or LF outside quotes, or a quote inside an unquoted field, throws.
 */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== separator && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    if (i >= text.length) throw new Error('the last record does not end in CRLF');
    if (text[i] === separator) {
      endField();
      i++;
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`bare CR or LF at ${i}`);
  }
  return rows;
}

interface Parsed {
  header: string[];
  rows: {
    sessionId: string;
    code: string;
    section: string;
    position: string;
    activity: string;
    sala: string;
    item: string;
    metric: string;
    figure: string;
    text: string;
    /** The figure or the text, whichever the row holds. */
    value: string;
    respondents: string;
  }[];
  all: string[][];
}

function read(report: SessionReport, separator: ',' | ';', locale?: Locale): Parsed {
  const csv = renderSessionCsv(report, locale ? { separator, locale } : { separator });
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const all = parseCsv(csv.slice(1), separator);
  for (const row of all) expect(row).toHaveLength(11);
  const [header, ...body] = all;
  return {
    header: header!,
    rows: body.map(([sessionId, code, section, position, activity, sala, item, metric, figure, text, respondents]) => ({
      sessionId: sessionId!,
      code: code!,
      section: section!,
      position: position!,
      activity: activity!,
      sala: sala!,
      item: item!,
      metric: metric!,
      figure: figure!,
      text: text!,
      value: figure! || text!,
      respondents: respondents!,
    })),
    all,
  };
}

const es = (key: MessageKey, params?: Record<string, string | number>) => translate('es-CL', key, params);
const comma = (n: number, digits: number) => n.toFixed(digits).replace('.', ',');

describe('renderSessionCsv', () => {
  it('writes UTF-8 with a BOM, CRLF line ends, and the translated header', () => {
    const csv = renderSessionCsv(sampleSessionReport(), { separator: ';' });
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Accents survive the trip through bytes.
    expect(bytes.toString('utf8')).toContain('Sala 2 — Ñuñoa');
    expect(bytes.toString('utf8')).toContain('árbol, pingüino, acción');
    const { header } = read(sampleSessionReport(), ';');
    expect(header).toEqual([
      'ID de la sesión',
      'Código de la sesión',
      'Sección',
      'N.º en la agenda',
      'Actividad',
      es('report.sala'),
      es('report.item'),
      'Medida',
      'Cifra',
      'Texto',
      es('report.respondents'),
    ]);
    expect(read(sampleSessionReport(), ',', 'en').header).toEqual([
      'Session id',
      'Session code',
      'Section',
      'Agenda no.',
      'Activity',
      'Breakout room',
      'Item',
      'Measure',
      'Figure',
      'Text',
      'People who answered',
    ]);
  });

  it('gives the participation and every choice option with its count and share', () => {
    const report = sampleSessionReport();
    const { rows } = read(report, ';');
    const participation = rows.filter((r) => r.section === 'Participación');
    expect(participation.map((r) => [r.metric, r.value])).toEqual([
      [es('report.participants'), String(report.participation.participants)],
      [es('report.respondents'), String(report.participation.respondents)],
    ]);
    const question = report.questions[0]!;
    if (question.kind !== 'choice') throw new Error('sample changed');
    for (const option of question.options) {
      const mine = rows.filter((r) => r.section === es('report.kind.choice') && r.item === option.label);
      expect(mine.map((r) => [r.position, r.activity, r.metric, r.value, r.respondents])).toEqual([
        [String(question.position), question.title, es('report.count'), String(option.count), String(question.respondents)],
        [String(question.position), question.title, 'Porcentaje (%)', comma(option.share * 100, 2), String(question.respondents)],
      ]);
    }
  });

  it('gives every rating item: how many gave each value, n and the mean to two decimals', () => {
    const report = sampleSessionReport();
    const question = report.questions.find((q) => q.kind === 'rating')!;
    if (question.kind !== 'rating') throw new Error('sample changed');
    for (const [separator, decimals] of [
      [';', ','],
      [',', '.'],
    ] as const) {
      const { rows } = read(report, separator);
      for (const item of question.items) {
        const mine = rows.filter((r) => r.section === es('report.kind.rating') && r.item === item.label);
        const byMetric = Object.fromEntries(mine.map((r) => [r.metric, r.value]));
        item.counts.forEach((count, i) => expect(byMetric[es('report.ratingValue', { value: i + 1 })]).toBe(String(count)));
        expect(byMetric.n).toBe(String(item.n));
        expect(byMetric[es('report.mean')]).toBe(item.mean!.toFixed(2).replace('.', decimals));
        expect(Number(byMetric[es('report.mean')]!.replace(',', '.'))).toBeCloseTo(item.mean!, 2);
        expect(mine.every((r) => r.respondents === String(question.respondents))).toBe(true);
      }
    }
  });

  it('gives open answers as text rows, the hidden count and the word counts', () => {
    const report = sampleSessionReport();
    const question = report.questions.find((q) => q.kind === 'open')!;
    if (question.kind !== 'open') throw new Error('sample changed');
    const { rows } = read(report, ';');
    const mine = rows.filter((r) => r.section === es('report.kind.open'));
    expect(mine.filter((r) => r.metric === 'Respuesta').map((r) => r.value)).toEqual(question.answers.map(neutraliseFormula));
    expect(mine.find((r) => r.metric === 'Respuestas ocultas por moderación')?.value).toBe(String(question.hiddenCount));
    expect(mine.filter((r) => r.metric === 'Menciones').map((r) => [r.item, r.value])).toEqual(
      question.words.map((w) => [w.word, String(w.count)]),
    );
  });

  it('gives each sala its members, roles and turns given, its own means, and never a figure for a sala below the minimum', () => {
    const report = sampleSessionReport();
    const { rows } = read(report, ';');
    const suppressed = es('report.suppressed', { min: LIMITS.smallGroupMin });
    const rating = report.questions.find((q) => q.kind === 'rating')!;
    if (rating.kind !== 'rating') throw new Error('sample changed');
    const breakout = report.breakouts[0]!;
    for (const sala of breakout.salas) {
      const mine = rows.filter((r) => r.section === es('report.sala') && r.sala === sala.name);
      expect(mine.every((r) => r.position === String(breakout.position) && r.activity === breakout.title)).toBe(true);
      expect(mine.find((r) => r.metric === es('report.members'))?.value).toBe(String(sala.members));
      expect(mine.find((r) => r.metric === es('report.moderator'))?.value).toBe(
        es(sala.roles.moderator ? 'report.roleFilled' : 'report.roleEmpty'),
      );
      expect(mine.find((r) => r.metric === es('report.secretary'))?.value).toBe(
        es(sala.roles.secretary ? 'report.roleFilled' : 'report.roleEmpty'),
      );
      expect(mine.find((r) => r.metric === 'Turnos dados')?.figure).toBe(String(sala.turns));
      expect(mine.some((r) => r.metric === es('report.memberNames'))).toBe(false);
      const figure = sala.ratings[0]!;
      const ratingRows = mine.filter((r) => r.metric.endsWith(`pregunta ${rating.position}`));
      expect(ratingRows).toHaveLength(rating.items.length * 2);
      if (figure.suppressed) {
        for (const row of ratingRows) {
          expect(row.value).toBe(suppressed);
          expect(row.respondents).toBe('');
        }
        // Nothing in the sala's rows reads as a number apart from its member count and turns given.
        expect(mine.filter((r) => /^\d/.test(r.value) || /^\d/.test(r.respondents)).map((r) => r.metric)).toEqual([
          es('report.members'),
          'Turnos dados',
        ]);
      } else {
        for (const item of figure.items!) {
          const label = rating.items.find((i) => i.id === item.id)!.label;
          expect(ratingRows.find((r) => r.item === label && r.metric === `Promedio en la pregunta ${rating.position}`)?.value).toBe(
            comma(item.mean!, 2),
          );
          expect(ratingRows.find((r) => r.item === label && r.metric === `n en la pregunta ${rating.position}`)?.value).toBe(
            String(item.n),
          );
        }
        expect(ratingRows.every((r) => r.respondents === String(figure.respondents))).toBe(true);
      }
    }
  });

  it('gives each agency its participation and five-axis profile, and no figure at all for an agency below the minimum', () => {
    const report = sampleSessionReport();
    const { rows } = read(report, ';');
    const suppressed = es('report.suppressed', { min: LIMITS.smallGroupMin });
    const rating = report.questions.find((q) => q.kind === 'rating' && q.fiveAxes)!;
    if (rating.kind !== 'rating') throw new Error('sample changed');
    const agencyRows = rows.filter((r) => r.section === 'Participación por servicio');
    expect([...new Set(agencyRows.map((r) => r.item))]).toEqual(report.agencies.map((a) => a.name));
    const [shown, small, unprofiled] = report.agencies;
    const of = (name: string) => agencyRows.filter((r) => r.item === name);
    // Shown: participants, respondents, then a mean and an n per axis, with the question's respondents.
    expect(
      of(shown!.name)
        .slice(0, 2)
        .map((r) => [r.metric, r.figure]),
    ).toEqual([
      ['Participantes', String(shown!.participants)],
      ['Personas que respondieron', String(shown!.respondents)],
    ]);
    const profile = shown!.ratings[0]!;
    for (const item of profile.items!) {
      const label = rating.items.find((i) => i.id === item.id)!.label;
      const mean = of(shown!.name).find((r) => r.metric === `Promedio: ${label}`)!;
      expect([mean.position, mean.activity, mean.figure, mean.respondents]).toEqual([
        String(rating.position),
        rating.title,
        comma(item.mean!, 2),
        String(profile.respondents),
      ]);
      expect(of(shown!.name).find((r) => r.metric === `n: ${label}`)?.figure).toBe(String(item.n));
    }
    // Below the minimum: the marker, and no number anywhere in its rows.
    expect(of(small!.name).map((r) => [r.metric, r.text])).toEqual([
      ['Participantes', suppressed],
      ['Personas que respondieron', suppressed],
    ]);
    expect(of(small!.name).every((r) => r.figure === '' && r.respondents === '')).toBe(true);
    // Enough people, but fewer than 5 of them rated the axes: participation, and the marker for the profile.
    const profileRows = of(unprofiled!.name).slice(2);
    expect(profileRows).toHaveLength(rating.items.length * 2);
    expect(profileRows.every((r) => r.text === suppressed && r.figure === '' && r.respondents === '')).toBe(true);
  });

  it('lists member names only when the session lets names into reports', () => {
    const report = sampleSessionReport();
    report.session.namesInReports = true;
    report.breakouts[0]!.salas[0]!.memberNames = ['Ana Pérez', '=cmd|calc'];
    const { rows } = read(report, ';');
    expect(rows.filter((r) => r.metric === es('report.memberNames')).map((r) => [r.sala, r.value])).toEqual([
      ['Sala 1', 'Ana Pérez'],
      ['Sala 1', "'=cmd|calc"],
    ]);
  });

  it('gives each sala synthesis: status, first note and submission times, texts per field, ticked support kinds; then the support counts', () => {
    const report = sampleSessionReport();
    const synthesis = report.syntheses[0]!;
    const { rows } = read(report, ';');
    const mine = rows.filter((r) => r.section === es('report.synthesis'));
    expect(mine.every((r) => r.position === String(synthesis.position) && r.activity === synthesis.title)).toBe(true);
    for (const sala of synthesis.salas) {
      const salaRows = mine.filter((r) => r.sala === sala.salaName);
      expect(salaRows.find((r) => r.metric === 'Estado')?.value).toBe(es(`report.synthesisStatus.${sala.status}`));
      expect(salaRows.find((r) => r.metric === es('report.hiddenFromPlenary'))?.value).toBe(sala.hidden ? 'Sí' : 'No');
      expect(salaRows.find((r) => r.metric === 'Primera nota el')?.text).toBe(
        sala.firstSavedAt === null ? undefined : isoWithOffset(sala.firstSavedAt),
      );
      expect(salaRows.find((r) => r.metric === es('report.sheet.submittedAt'))?.text).toBe(
        sala.submittedAt === null ? undefined : isoWithOffset(sala.submittedAt),
      );
      const texts = salaRows.filter((r) => r.metric === 'Texto');
      expect(texts.map((r) => r.item)).toEqual(sala.texts.map((t) => synthesis.fields.find((f) => f.key === t.key)!.label));
      expect(texts.map((r) => r.value)).toEqual(sala.texts.map((t) => neutraliseFormula(t.text)));
      expect(salaRows.filter((r) => r.metric === 'Apoyo marcado').map((r) => r.item)).toEqual(sala.support);
    }
    // Sala 1's secretary first saved at 15:05 UTC, during the conversation: 12:05 in Santiago.
    expect(mine.find((r) => r.sala === synthesis.salas[0]!.salaName && r.metric === 'Primera nota el')?.text).toBe(
      '2026-11-20T12:05:00-03:00',
    );
    expect(mine.filter((r) => r.sala === '' && r.metric === 'Salas que lo marcaron').map((r) => [r.item, r.value])).toEqual(
      synthesis.supportCounts.map((c) => [c.label, String(c.count)]),
    );
  });

  it('gives each experience card one row per field said, the card named as the item, the reach as a figure', () => {
    const { rows } = read(sampleSessionReport(), ';');
    const cards = rows.filter((r) => r.section === es('kind.experience'));
    expect(cards.every((r) => r.position === '7' && r.sala === 'Sala 1' && r.item === 'Plan IPS Conversa, Contiene y Cobija')).toBe(true);
    expect(cards.map((r) => [r.metric, r.value])).toEqual([
      [es('experience.field.agency'), 'Instituto de Previsión Social'],
      [es('experience.field.name'), 'Plan IPS Conversa, Contiene y Cobija'],
      [es('experience.field.axes'), 'Promoción y prevención · Prestación de servicios'],
      [es('experience.field.approach'), 'Preventiva y reactiva'],
      [es('experience.field.reachCount'), '1332'],
      [es('experience.field.reachUnit'), 'personas'],
      [es('experience.field.since'), '2021-04'],
      [es('experience.field.lesson'), 'Contener primero, derivar después.'],
      [es('experience.field.contactUnit'), 'Unidad de Calidad de Vida'],
      [es('experience.field.contactEmail'), 'calidaddevida@ips.gob.cl'],
    ]);
  });

  it('gives the commitments their counts only, the mode as the item, the small-group text below 5 answers', () => {
    const { rows } = read(sampleSessionReport(), ';');
    const commitments = rows.filter((r) => r.section === es('reportsall.commitments'));
    const suppressed = es('report.suppressed', { min: LIMITS.smallGroupMin });
    const review = es('commitment.kind.review');
    expect(commitments.map((r) => [r.position, r.item, r.metric, r.figure, r.text])).toEqual([
      ['1', review, es('reportsall.commitment.answered'), '7', ''],
      ['1', review, es('commitment.outcome.done'), '3', ''],
      ['1', review, es('commitment.outcome.started'), '2', ''],
      ['1', review, es('commitment.outcome.notYet'), '2', ''],
      ['3', review, es('reportsall.commitment.answered'), '3', ''],
      ['3', review, es('commitment.outcome.done'), '', suppressed],
      ['3', review, es('commitment.outcome.started'), '', suppressed],
      ['3', review, es('commitment.outcome.notYet'), '', suppressed],
      ['12', es('commitment.kind.write'), es('reportsall.commitment.written'), '9', ''],
    ]);
  });

  it('gives each support register entry its fields as rows: the kind as the item, the sala, status and public note', () => {
    const { rows } = read(sampleSessionReport(), ';');
    const register = rows.filter((r) => r.section === es('support.title'));
    expect(register.map((r) => [r.sala, r.item, r.metric, r.value])).toEqual([
      ['Sala 1', 'Formación', es('reportsall.register.agencies'), 'Instituto de Previsión Social'],
      ['Sala 1', 'Formación', es('support.asked'), 'Talleres para jefaturas'],
      ['Sala 1', 'Formación', es('support.status'), 'En curso'],
      ['Sala 1', 'Formación', es('reportsall.register.note'), 'Curso de contención emocional en marzo'],
      ['Sala 1', 'Formación', es('reportsall.register.updatedAt'), '2026-11-25T09:00:00-03:00'],
      // No kind ticked: "Otros pedidos"; the text starting with "=" is neutralised; no note, no row.
      ['Sala 2', es('support.slide.noKind'), es('support.asked'), "'=Más tiempo para pausas activas"],
      ['Sala 2', es('support.slide.noKind'), es('support.status'), 'Recibido'],
      ['Sala 2', es('support.slide.noKind'), es('reportsall.register.updatedAt'), '2026-11-20T12:30:00-03:00'],
    ]);
    expect(register.every((r) => r.position === '' && r.activity === '')).toBe(true);
  });

  it("gives the facilitator's comments one row per activity commented, in agenda order, formulas neutralised", () => {
    const report = sampleSessionReport();
    const { rows } = read(report, ';');
    const comments = rows.filter((r) => r.section === es('notes.report.comments'));
    const commented = [...report.questions, ...report.breakouts, ...report.syntheses]
      .filter((e) => e.facilitatorComments !== null)
      .sort((a, b) => a.position - b.position);
    expect(comments.map((r) => [r.position, r.activity, r.metric, r.value])).toEqual(
      commented.map((e) => [String(e.position), e.title, 'Texto', neutraliseFormula(e.facilitatorComments!)]),
    );
    expect(comments.some((r) => r.value.startsWith("'=SUM"))).toBe(true);
  });

  it('neutralises every text that starts like a formula, and nothing user-written escapes', () => {
    const report = sampleSessionReport();
    for (const separator of [';', ','] as const) {
      const { all } = read(report, separator);
      const cells = all.flat();
      for (const payload of [
        '=1+1',
        '=HYPERLINK("http://x.example","clic")',
        '+56 9 1234 5678 — acompañamiento en terreno',
        '-Capacitación en contención emocional',
      ]) {
        expect(cells, payload).toContain(`'${payload}`);
        expect(cells, payload).not.toContain(payload);
      }
      expect(cells.some((cell) => cell.startsWith("'@equipo: compartimos") && cell.includes('\nSegunda línea con tildes'))).toBe(true);
      // Every cell starting with a formula character is a number we wrote.
      const risky = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell));
      expect(risky.filter((cell) => Number.isNaN(Number(cell.replace(',', '.'))))).toEqual([]);
    }
  });

  it('neutraliseFormula prefixes = + - @ TAB and CR, and leaves other text alone', () => {
    for (const text of ['=A1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ['', 'Sala 1', ' =A1', "'=A1", 'árbol', '1-2']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('quotes fields with the separator, quotes or line breaks, and reads back the same text', () => {
    const report = sampleSessionReport();
    const question = report.questions.find((q) => q.kind === 'open')!;
    if (question.kind !== 'open') throw new Error('sample changed');
    question.answers = ['Dijo "basta"; y se fue, sin más', 'línea 1\r\nlínea 2', 'a;b', 'a,b'];
    for (const separator of [';', ','] as const) {
      const csv = renderSessionCsv(report, { separator });
      const { rows } = read(report, separator);
      expect(rows.filter((r) => r.metric === 'Respuesta').map((r) => r.value)).toEqual(question.answers);
      expect(csv).toContain('"Dijo ""basta""; y se fue, sin más"');
      // A field without the separator is not quoted needlessly.
      expect(csv).toContain(`${separator}${separator === ';' ? 'a,b' : 'a;b'}${separator}`);
    }
  });

  it('writes the same rows with either separator, only the decimal mark changes', () => {
    const report = sampleSessionReport();
    const semicolon = read(report, ';').all;
    const commaRows = read(report, ',').all;
    expect(commaRows.length).toBe(semicolon.length);
    const decimal = /^-?\d+[.,]\d+$/;
    commaRows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const other = semicolon[r]![c]!;
        if (decimal.test(cell)) {
          expect(cell).toMatch(/^-?\d+\.\d+$/);
          expect(other).toBe(cell.replace('.', ','));
        } else expect(other).toBe(cell);
      }),
    );
  });

  it('says when participant data was removed, in ISO 8601 with the offset Santiago had then', () => {
    const report = sampleSessionReport();
    report.session.participantDataRemovedAt = '2027-01-20T12:00:00.000Z';
    report.session.closedAt = '2026-07-20T16:30:00.000Z';
    const { rows } = read(report, ';');
    expect(rows.find((r) => r.metric === 'Datos de participantes eliminados el')?.text).toBe('2027-01-20T09:00:00-03:00');
    // July is winter time in Chile: four hours behind UTC.
    expect(rows.find((r) => r.metric === es('exports.closedAt'))?.text).toBe('2026-07-20T12:30:00-04:00');
    expect(rows.find((r) => r.metric === es('report.date'))?.text).toBe('2026-11-20T11:00:00-03:00');
  });

  it('puts the session id and code on every row, the code grouped so a leading 0 stays', () => {
    const report = sampleSessionReport();
    report.session.code = '088312';
    const { rows } = read(report, ';');
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect([row.sessionId, row.code]).toEqual([report.session.id, '088 312']);
    expect(rows.find((r) => r.metric === es('report.code'))?.text).toBe('088 312');
  });

  it('keeps figures and texts apart: the figure column holds only numbers, the text column only texts', () => {
    const report = sampleSessionReport();
    const question = report.questions.find((q) => q.kind === 'open')!;
    if (question.kind !== 'open') throw new Error('sample changed');
    question.answers = ['12-10', '0012345', '1e5', '3,5'];
    for (const separator of [';', ','] as const) {
      const { rows } = read(report, separator);
      for (const row of rows) {
        expect(row.figure === '' || row.text === '', `${row.metric}: one of figure and text`).toBe(true);
        if (row.figure !== '') expect(row.figure).toMatch(separator === ';' ? /^\d+(,\d+)?$/ : /^\d+(\.\d+)?$/);
      }
      const answers = rows.filter((r) => r.metric === 'Respuesta');
      expect(answers.map((r) => r.text)).toEqual(question.answers);
      expect(answers.every((r) => r.figure === '')).toBe(true);
    }
  });

  it('gives every timing: shown, answering opened and closed, phase starts and planned lengths', () => {
    const report = sampleSessionReport();
    const { rows } = read(report, ';');
    const timings = rows.filter((r) => r.section === es('exports.timings'));
    const choice = report.timings.find((t) => t.kind === 'choice')!;
    expect(timings.filter((r) => r.position === String(choice.position)).map((r) => [r.item, r.metric, r.text])).toEqual([
      [es('exports.kind.choice'), es('exports.timing.firstShownAt'), '2026-11-20T11:05:00-03:00'],
      [es('exports.kind.choice'), es('exports.timing.answeringOpenedAt'), '2026-11-20T11:05:00-03:00'],
      [es('exports.kind.choice'), es('exports.timing.answeringClosedAt'), '2026-11-20T11:08:00-03:00'],
    ]);
    const breakout = report.breakouts[0]!;
    const breakoutTiming = report.timings.find((t) => t.activityId === breakout.activityId)!;
    const mine = timings.filter((r) => r.position === String(breakout.position));
    expect(mine.filter((r) => r.metric.startsWith('Comienza')).map((r) => r.text)).toEqual(
      breakoutTiming.phases
        .map((p) => new Date(p.at).getTime())
        .map((ms) => new Date(ms - 3 * 3600_000).toISOString().slice(0, 19) + '-03:00'),
    );
    expect(mine.find((r) => r.metric === es('exports.timing.phase', { phase: es('exports.phase.discussion') }))).toBeDefined();
    expect(mine.find((r) => r.metric === es('exports.timing.discussionSeconds'))?.figure).toBe(String(breakout.discussionSeconds));
    expect(mine.find((r) => r.metric === es('exports.timing.returnSeconds'))?.figure).toBe(String(breakout.returnSeconds));
  });

  it('gives a valid file for an empty session: session and participation rows only', () => {
    const report = emptySessionReport();
    const { rows } = read(report, ';');
    expect(new Set(rows.map((r) => r.section))).toEqual(new Set([es('report.session'), 'Participación']));
    expect(rows.find((r) => r.metric === es('report.series'))?.value).toBe(es('report.noSeries'));
    expect(rows.filter((r) => r.section === 'Participación').map((r) => r.value)).toEqual(['0', '0']);
  });
});
