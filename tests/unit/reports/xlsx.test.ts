import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../shared/i18n/index.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { SessionReport } from '../../../shared/report.ts';
import { sanitiseSheetName, SheetNames } from '../../../server/reports/cells.ts';
import { formatDate, wallClock } from '../../../server/reports/format.ts';
import { renderSeriesXlsx, renderSessionXlsx } from '../../../server/reports/xlsx.ts';
import { columnLetters, wrappedLines } from '../../../server/reports/xlsx-layout.ts';
import { emptySessionReport, sampleSeriesReport, sampleSessionReport } from './sample-report.ts';

const es = (key: MessageKey, params?: Record<string, string | number>) => translate('es-CL', key, params);

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  expect(Buffer.isBuffer(buffer)).toBe(true);
  expect(buffer.subarray(0, 2).toString()).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name} in ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  return found;
}

/** Each row's cell values from column A (index 0), by row number. */
function values(worksheet: ExcelJS.Worksheet): Map<number, unknown[]> {
  const rows = new Map<number, unknown[]>();
  worksheet.eachRow((row, n) => rows.set(n, Array.from(row.values as unknown[], (v) => v ?? null).slice(1)));
  return rows;
}

/** The table under the frozen header row: its header texts and data rows. */
function table(worksheet: ExcelJS.Worksheet): { header: unknown[]; rows: unknown[][]; headerRow: number } {
  const view = worksheet.views[0];
  expect(view?.state, worksheet.name).toBe('frozen');
  const headerRow = (view as { ySplit: number }).ySplit;
  const all = values(worksheet);
  const header = all.get(headerRow)!;
  // exceljs leaves out trailing empty cells: pad each row to the header's width.
  const rows = [...all.entries()]
    .filter(([n]) => n > headerRow)
    .map(([, v]) => [...v, ...Array<null>(Math.max(0, header.length - v.length)).fill(null)]);
  return { header, rows, headerRow };
}

function expectValidSheetNames(workbook: ExcelJS.Workbook): void {
  const names = workbook.worksheets.map((s) => s.name);
  for (const name of names) {
    expect(name.length, name).toBeGreaterThan(0);
    expect(name.length, name).toBeLessThanOrEqual(31);
    expect(name, name).not.toMatch(/[[\]:*?/\\]/);
    expect(name, name).not.toMatch(/^'|'$/);
  }
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
}

/** No cell anywhere holds a formula. */
function expectNoFormulas(workbook: ExcelJS.Workbook): void {
  for (const worksheet of workbook.worksheets) {
    worksheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${worksheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, `${worksheet.name}!${cell.address}`).toBeFalsy();
      }),
    );
  }
}

describe('renderSessionXlsx', () => {
  it('makes the expected sheets, with valid, unique names', async () => {
    const report = sampleSessionReport();
    const workbook = await load(await renderSessionXlsx(report));
    const names = workbook.worksheets.map((s) => s.name);
    expect(names[0]).toBe(es('report.summary'));
    expect(names.slice(-10)).toEqual([
      es('report.axes'),
      'Participación por servicio',
      es('report.salas'),
      es('report.syntheses'),
      es('report.supportKinds'),
      es('kind.experience'),
      es('reportsall.commitments'),
      'Registro de apoyos',
      es('notes.report.comments'),
      es('exports.timings'),
    ]);
    const questionSheets = names.slice(1, -10);
    expect(questionSheets).toHaveLength(report.questions.length);
    report.questions.forEach((q, i) => expect(questionSheets[i]!.startsWith(`P${q.position} `)).toBe(true));
    // "¿Qué me ha pasado desde la primera sesión?" loses its "?" and is cut to 31 characters.
    expect(questionSheets[0]).toBe(`P2 ${report.questions[0]!.title.replace('?', '')}`.slice(0, 31));
    expectValidSheetNames(workbook);
    expectNoFormulas(workbook);
  });

  it('has bold, filled, frozen headers and real numbers with number formats', async () => {
    const workbook = await load(await renderSessionXlsx(sampleSessionReport()));
    for (const worksheet of workbook.worksheets.slice(1)) {
      const { headerRow, header } = table(worksheet);
      const row = worksheet.getRow(headerRow);
      header.forEach((_, i) => {
        const cell = row.getCell(i + 1);
        expect(cell.font?.bold, `${worksheet.name}!${cell.address}`).toBe(true);
        expect((cell.fill as ExcelJS.FillPattern | undefined)?.pattern, `${worksheet.name}!${cell.address}`).toBe('solid');
      });
      expect(worksheet.autoFilter).toBeTruthy();
      // Columns have widths, within the cap.
      for (let c = 1; c <= header.length; c++) {
        const width = worksheet.getColumn(c).width ?? 9;
        expect(width).toBeGreaterThanOrEqual(8);
        expect(width).toBeLessThanOrEqual(90);
      }
    }
  });

  it('writes the summary: title, date, series, agencies, participation, status and the privacy note', async () => {
    const report = sampleSessionReport();
    const rows = [...values(sheet(await load(await renderSessionXlsx(report)), es('report.summary'))).values()];
    const pairs = new Map(rows.filter((r) => r.length >= 2).map((r) => [r[0], r[1]]));
    expect(pairs.get(es('report.session'))).toBe(report.session.title);
    expect(pairs.get(es('report.series'))).toBe(report.session.series!.title);
    expect(pairs.get(es('report.participants'))).toBe(report.participation.participants);
    expect(pairs.get(es('report.respondents'))).toBe(report.participation.respondents);
    expect(pairs.get(es('report.sheet.status'))).toBe(es('report.status.closed'));
    expect(pairs.get(es('report.date'))).toEqual(wallClock(report.session.createdAt));
    expect(pairs.get(es('report.code'))).toBe('482 913');
    expect(pairs.get(es('exports.column.sessionId'))).toBe(report.session.id);
    const texts = rows.flat();
    for (const agency of report.session.agencies) expect(texts).toContain(agency);
    expect(texts).toContain(es('report.privacyNote', { min: LIMITS.smallGroupMin }));
    expect(texts.some((t) => typeof t === 'string' && t.startsWith('Los datos de participantes se eliminaron'))).toBe(false);

    report.session.participantDataRemovedAt = '2027-01-20T12:00:00.000Z';
    const removed = [...values(sheet(await load(await renderSessionXlsx(report)), es('report.summary'))).values()].flat();
    expect(removed).toContain(es('report.participantDataRemoved', { date: formatDate('2027-01-20T12:00:00.000Z', 'es-CL') }));
  });

  it('writes a choice question: option, count and share as numbers, the share as a percentage', async () => {
    const report = sampleSessionReport();
    const question = report.questions[0]!;
    if (question.kind !== 'choice') throw new Error('sample changed');
    const workbook = await load(await renderSessionXlsx(report));
    const worksheet = workbook.worksheets[1]!;
    const { header, rows, headerRow } = table(worksheet);
    expect(header).toEqual([es('report.option'), es('report.count'), es('report.share')]);
    expect(rows).toEqual(question.options.map((o) => [o.label, o.count, o.share]));
    expect(worksheet.getCell(headerRow + 1, 3).numFmt).toBe('0%');
    expect([...values(worksheet).values()]).toContainEqual([es('report.respondents'), question.respondents]);
  });

  it('writes a rating question and the five-axes sheet: counts 1..5, n and the exact mean shown with two decimals', async () => {
    const report = sampleSessionReport();
    const question = report.questions.find((q) => q.kind === 'rating')!;
    if (question.kind !== 'rating') throw new Error('sample changed');
    const workbook = await load(await renderSessionXlsx(report));
    const own = workbook.worksheets[1 + report.questions.indexOf(question)]!;
    const { header, rows, headerRow } = table(own);
    expect(header).toEqual([es('report.item'), 'Valor 1', 'Valor 2', 'Valor 3', 'Valor 4', 'Valor 5', 'n', es('report.mean')]);
    expect(rows).toEqual(question.items.map((item) => [item.label, ...item.counts, item.n, item.mean]));
    expect(own.getCell(headerRow + 1, 8).numFmt).toBe('0.00');
    expect(own.getCell(headerRow + 1, 7).numFmt).toBe('0');

    const axes = table(sheet(workbook, es('report.axes')));
    expect(axes.header.slice(0, 2)).toEqual([es('report.question'), es('report.axis')]);
    expect(axes.rows).toEqual(
      question.items.map((item) => [`${question.position}. ${question.title}`, item.label, ...item.counts, item.n, item.mean]),
    );
  });

  it('writes an open question: visible answers verbatim (not formulas), word counts and the hidden count', async () => {
    const report = sampleSessionReport();
    const question = report.questions.find((q) => q.kind === 'open')!;
    if (question.kind !== 'open') throw new Error('sample changed');
    const workbook = await load(await renderSessionXlsx(report));
    const worksheet = workbook.worksheets[1 + report.questions.indexOf(question)]!;
    const { rows, headerRow } = table(worksheet);
    expect(rows.map((r) => r[0])).toEqual(question.answers);
    expect(rows.filter((r) => r[1] !== null).map((r) => [r[1], r[2]])).toEqual(question.words.map((w) => [w.word, w.count]));
    expect([...values(worksheet).values()]).toContainEqual([es('report.sheet.hiddenCount'), question.hiddenCount]);
    const payload = worksheet.getCell(headerRow + 1 + question.answers.indexOf('=1+1'), 1);
    expect(payload.type).toBe(ExcelJS.ValueType.String);
    expect(payload.value).toBe('=1+1');
  });

  it('writes the salas: members, roles, turns given, own means, and only the suppressed text for a sala below the minimum', async () => {
    const report = sampleSessionReport();
    const rating = report.questions.find((q) => q.kind === 'rating')!;
    if (rating.kind !== 'rating') throw new Error('sample changed');
    const breakout = report.breakouts[0]!;
    const { header, rows } = table(sheet(await load(await renderSessionXlsx(report)), es('report.salas')));
    expect(header).toEqual([
      'N.º en la agenda',
      'Actividad',
      es('report.sala'),
      es('report.members'),
      es('report.moderator'),
      es('report.secretary'),
      'Turnos dados',
      `Respondieron la pregunta ${rating.position}`,
      ...rating.items.map((item) => `${item.label}: promedio (pregunta ${rating.position})`),
    ]);
    expect(header).not.toContain(es('report.memberNames'));
    expect(rows).toHaveLength(breakout.salas.length);
    breakout.salas.forEach((sala, i) => {
      const row = rows[i]!;
      const role = (filled: boolean) => es(filled ? 'report.roleFilled' : 'report.roleEmpty');
      expect(row.slice(0, 7)).toEqual([
        breakout.position,
        breakout.title,
        sala.name,
        sala.members,
        role(sala.roles.moderator),
        role(sala.roles.secretary),
        sala.turns,
      ]);
      const figure = sala.ratings[0]!;
      if (figure.suppressed) {
        expect(row[7]).toBe(es('report.suppressed', { min: LIMITS.smallGroupMin }));
        // No number anywhere in the sala's figures.
        expect(row.slice(7).filter((v) => typeof v === 'number')).toEqual([]);
      } else {
        expect(row.slice(7)).toEqual([
          figure.respondents,
          ...rating.items.map((item) => figure.items!.find((x) => x.id === item.id)!.mean),
        ]);
      }
    });
  });

  it('writes each agency’s participation and five-axis profile, and no number at all for an agency below the minimum', async () => {
    const report = sampleSessionReport();
    const rating = report.questions.find((q) => q.kind === 'rating' && q.fiveAxes)!;
    if (rating.kind !== 'rating') throw new Error('sample changed');
    const suppressed = es('report.suppressed', { min: LIMITS.smallGroupMin });
    const { header, rows } = table(sheet(await load(await renderSessionXlsx(report)), 'Participación por servicio'));
    expect(header).toEqual([
      'Servicio',
      'Participantes',
      'Personas que respondieron',
      `Respondieron la pregunta ${rating.position}`,
      ...rating.items.map((item) => `${item.label}: promedio (pregunta ${rating.position})`),
    ]);
    const [shown, small, unprofiled] = report.agencies;
    const profile = shown!.ratings[0]!;
    expect(rows).toEqual([
      [shown!.name, shown!.participants, shown!.respondents, profile.respondents, ...profile.items!.map((i) => i.mean)],
      [small!.name, suppressed, ...Array<null>(1 + 1 + rating.items.length).fill(null)],
      [unprofiled!.name, unprofiled!.participants, unprofiled!.respondents, suppressed, ...rating.items.map(() => null)],
    ]);
  });

  it('adds member names only when the report has them', async () => {
    const report = sampleSessionReport();
    report.session.namesInReports = true;
    report.breakouts[0]!.salas[0]!.memberNames = ['Ana Pérez', 'Beto Muñoz'];
    const { header, rows } = table(sheet(await load(await renderSessionXlsx(report)), es('report.salas')));
    const column = header.indexOf(es('report.memberNames'));
    expect(column).toBe(7);
    expect(rows.map((r) => r[column])).toEqual(['Ana Pérez, Beto Muñoz', null, null]);
  });

  it('writes every sala synthesis text verbatim, the ticked support kinds and the support counts', async () => {
    const report = sampleSessionReport();
    const synthesis = report.syntheses[0]!;
    const workbook = await load(await renderSessionXlsx(report));
    const { rows } = table(sheet(workbook, es('report.syntheses')));
    expect(rows).toHaveLength(synthesis.salas.length * (synthesis.fields.length + 1));
    for (const sala of synthesis.salas) {
      const mine = rows.filter((r) => r[2] === sala.salaName);
      expect(
        mine.every(
          (r) =>
            r[0] === synthesis.position &&
            r[1] === synthesis.title &&
            r[3] === es(`report.synthesisStatus.${sala.status}`) &&
            r[4] === (sala.hidden ? 'Sí' : 'No'),
        ),
      ).toBe(true);
      for (const text of sala.texts) {
        const label = synthesis.fields.find((f) => f.key === text.key)!.label;
        expect(mine.find((r) => r[7] === label)?.[8]).toBe(text.text === '' ? es('report.notWritten') : text.text);
      }
      expect(mine.find((r) => r[7] === es('report.supportKinds'))?.[8]).toBe(sala.support.length ? sala.support.join('; ') : null);
    }
    const support = table(sheet(workbook, es('report.supportKinds')));
    expect(support.rows).toEqual(synthesis.supportCounts.map((c) => [synthesis.position, synthesis.title, c.label, c.count]));
  });

  it("writes the facilitator's comments as a column beside each activity commented, verbatim", async () => {
    const report = sampleSessionReport();
    const workbook = await load(await renderSessionXlsx(report));
    const { header, rows } = table(sheet(workbook, es('notes.report.comments')));
    expect(header).toEqual([es('report.sheet.column.position'), es('report.sheet.column.activity'), es('notes.report.comments')]);
    const commented = [...report.questions, ...report.breakouts, ...report.syntheses].filter((e) => e.facilitatorComments !== null);
    expect(rows).toEqual(commented.sort((a, b) => a.position - b.position).map((e) => [e.position, e.title, e.facilitatorComments]));
    expectNoFormulas(workbook);
    const none = await load(await renderSessionXlsx({ ...report, questions: [], breakouts: [], syntheses: [] }));
    expect(none.getWorksheet(es('notes.report.comments'))).toBeUndefined();
  });

  it('writes the commitments as counts only, the follow-up below 5 answers as the small-group text', async () => {
    const workbook = await load(await renderSessionXlsx(sampleSessionReport()));
    const { header, rows } = table(sheet(workbook, es('reportsall.commitments')));
    expect(header).toEqual([
      es('report.sheet.column.position'),
      es('report.sheet.column.activity'),
      es('commitment.editor.mode'),
      es('reportsall.commitment.written'),
      es('reportsall.commitment.answered'),
      es('commitment.outcome.done'),
      es('commitment.outcome.started'),
      es('commitment.outcome.notYet'),
    ]);
    const suppressed = es('report.suppressed', { min: LIMITS.smallGroupMin });
    expect(rows).toEqual([
      [1, '¿Cumpliste tu compromiso?', es('commitment.kind.review'), null, 7, 3, 2, 2],
      [3, 'Segundo repaso', es('commitment.kind.review'), null, 3, suppressed, suppressed, suppressed],
      [12, '¿Qué harás antes de la próxima sesión?', es('commitment.kind.write'), 9, null, null, null, null],
    ]);
  });

  it('writes a "Registro de apoyos" sheet: one row per entry, kind, sala, status and public note, the date a date cell', async () => {
    const workbook = await load(await renderSessionXlsx(sampleSessionReport()));
    const { header, rows } = table(sheet(workbook, 'Registro de apoyos'));
    expect(header).toEqual([
      es('support.groupBy.kind'),
      es('report.sala'),
      es('reportsall.register.agencies'),
      es('support.asked'),
      es('support.status'),
      es('reportsall.register.note'),
      es('reportsall.register.updatedAt'),
    ]);
    expect(rows).toEqual([
      [
        'Formación',
        'Sala 1',
        'Instituto de Previsión Social',
        'Talleres para jefaturas',
        'En curso',
        'Curso de contención emocional en marzo',
        wallClock('2026-11-25T12:00:00.000Z'),
      ],
      // A text starting with "=" is a string cell, never a formula.
      ['Otros pedidos', 'Sala 2', null, '=Más tiempo para pausas activas', 'Recibido', null, wallClock('2026-11-20T15:30:00.000Z')],
    ]);
    expectNoFormulas(workbook);
    const none = await load(await renderSessionXlsx(emptySessionReport()));
    expect(none.getWorksheet('Registro de apoyos')).toBeUndefined();
    expect(none.getWorksheet(es('reportsall.commitments'))).toBeUndefined();
  });

  it('writes each experience card on a row: the fields as written, the reach as a number, the contact when opted in', async () => {
    const workbook = await load(await renderSessionXlsx(sampleSessionReport()));
    const { header, rows } = table(sheet(workbook, es('kind.experience')));
    expect(header).toEqual([
      es('report.sheet.column.position'),
      es('report.sala'),
      es('experience.field.agency'),
      es('experience.field.name'),
      es('experience.field.axes'),
      es('experience.field.approach'),
      es('experience.field.reachCount'),
      es('experience.field.reachUnit'),
      es('experience.field.since'),
      es('experience.field.lesson'),
      es('experience.field.contactUnit'),
      es('experience.field.contactEmail'),
    ]);
    expect(rows).toEqual([
      [
        7,
        'Sala 1',
        'Instituto de Previsión Social',
        'Plan IPS Conversa, Contiene y Cobija',
        'Promoción y prevención · Prestación de servicios',
        'Preventiva y reactiva',
        1332,
        'personas',
        '2021-04',
        'Contener primero, derivar después.',
        'Unidad de Calidad de Vida',
        'calidaddevida@ips.gob.cl',
      ],
    ]);
  });

  it('keeps sheet names valid and unique for long, repeated titles with forbidden characters', async () => {
    const report = sampleSessionReport();
    const choice = report.questions[0]!;
    const title = "'Pregunta: [a/b] \\ ¿sí* o no? — un título larguísimo para una hoja'";
    report.questions = [
      { ...choice, position: 3, title },
      { ...choice, activityId: 'q1b', position: 3, title },
      { ...choice, activityId: 'q1c', position: 3, title: 'History' },
    ];
    const workbook = await load(await renderSessionXlsx(report));
    expectValidSheetNames(workbook);
    // Summary, three questions, agencies, salas, syntheses, support kinds, experiences, commitments, register, comments, timings.
    expect(workbook.worksheets.length).toBe(1 + 3 + 1 + 7 + 1);
  });

  it('gives a valid workbook for an empty session: the summary, saying there are no results', async () => {
    const workbook = await load(await renderSessionXlsx(emptySessionReport()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([es('report.summary')]);
    const texts = [...values(workbook.worksheets[0]!).values()].flat();
    expect(texts).toContain(es('report.empty'));
    expect(texts).toContain(es('report.noSeries'));
    expect(texts).toContain(es('report.noAgencies'));
  });

  it('writes dates as date cells in Santiago time, with a date format', async () => {
    const report = sampleSessionReport();
    const workbook = await load(await renderSessionXlsx(report));
    const summary = sheet(workbook, es('report.summary'));
    const dateRow = [...values(summary).entries()].find(([, v]) => v[0] === es('report.date'))![0];
    const cell = summary.getCell(dateRow, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    // 14:00 UTC is 11:00 in Santiago in November: the cell holds the wall clock.
    expect((cell.value as Date).toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(cell.numFmt).toBe('dd-mm-yyyy hh:mm');
    const syntheses = table(sheet(workbook, es('report.syntheses')));
    expect(syntheses.header.slice(5, 7)).toEqual(['Primera nota el', es('report.sheet.submittedAt')]);
    for (const sala of report.syntheses[0]!.salas) {
      const row = syntheses.rows.find((r) => r[2] === sala.salaName)!;
      // When the secretary first saved notes (during the conversation), then when the sala submitted.
      expect(row.slice(5, 7)).toEqual([
        sala.firstSavedAt === null ? null : wallClock(sala.firstSavedAt),
        sala.submittedAt === null ? null : wallClock(sala.submittedAt),
      ]);
    }
    expect(report.syntheses[0]!.salas.some((s) => s.firstSavedAt === null)).toBe(true);
    const en = await load(await renderSessionXlsx(report, 'en'));
    const enSummary = en.getWorksheet('Summary')!;
    expect(enSummary.getCell(dateRow, 2).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('lists every timing: shown, answering, phase starts as dates; planned lengths in seconds', async () => {
    const report = sampleSessionReport();
    const { rows } = table(sheet(await load(await renderSessionXlsx(report)), es('exports.timings')));
    const choice = report.timings[0]!;
    expect(rows.filter((r) => r[0] === choice.position).map((r) => [r[3], r[4]])).toEqual([
      [es('exports.timing.firstShownAt'), wallClock(choice.firstShownAt!)],
      [es('exports.timing.answeringOpenedAt'), wallClock(choice.answeringOpenedAt!)],
      [es('exports.timing.answeringClosedAt'), wallClock(choice.answeringClosedAt!)],
    ]);
    const breakout = report.breakouts[0]!;
    const mine = rows.filter((r) => r[0] === breakout.position);
    expect(mine.filter((r) => r[4] instanceof Date)).toHaveLength(1 + report.timings[1]!.phases.length);
    expect(mine.find((r) => r[3] === es('exports.timing.discussionSeconds'))?.[5]).toBe(breakout.discussionSeconds);
  });

  it('filters over each table’s data rows, under the defined name LibreOffice reads', async () => {
    const buffer = await renderSessionXlsx(sampleSessionReport());
    const workbook = await load(buffer);
    // exceljs reads sheet-local names back as one global name: read the workbook part itself.
    const xml = await (await JSZip.loadAsync(buffer)).file('xl/workbook.xml')!.async('string');
    const names = [...xml.matchAll(/<definedName name="_xlnm._FilterDatabase" localSheetId="(\d+)">([^<]*)<\/definedName>/g)];
    expect(names).toHaveLength(workbook.worksheets.length - 1);
    workbook.worksheets.slice(1).forEach((worksheet, index) => {
      const { headerRow, header, rows } = table(worksheet);
      const last = String.fromCharCode(64 + header.length);
      const range = `A${headerRow}:${last}${headerRow + rows.length}`;
      expect(worksheet.autoFilter, worksheet.name).toBe(range);
      const name = names.find((match) => match[1] === String(index + 1));
      const quoted = `'${worksheet.name.replace(/'/g, "''")}'`;
      const text = name?.[2]
        ?.replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      expect(text, worksheet.name).toBe(`${quoted}!$A$${headerRow}:$${last}$${headerRow + rows.length}`);
    });
  });

  it('gives wrapped text rows their height, and sets up the printed page', async () => {
    const report = sampleSessionReport();
    report.session.title = 'Sesión 2 & cierre';
    const workbook = await load(await renderSessionXlsx(report));
    const summary = sheet(workbook, es('report.summary'));
    expect(summary.getRow(1).height).toBeGreaterThanOrEqual(18);
    const syntheses = sheet(workbook, es('report.syntheses'));
    const { headerRow, rows } = table(syntheses);
    const longest = rows.reduce((best, row, i) => (String(row[8] ?? '').length > String(rows[best]![8] ?? '').length ? i : best), 0);
    const width = syntheses.getColumn(9).width!;
    expect(String(rows[longest]![8]).length).toBeGreaterThan(width);
    expect(syntheses.getRow(headerRow + 1 + longest).height).toBeGreaterThanOrEqual(30);
    for (const worksheet of workbook.worksheets) {
      const setup = worksheet.pageSetup;
      expect(setup.paperSize, worksheet.name).toBe(9);
      expect(setup.fitToPage, worksheet.name).toBe(true);
      expect(setup.fitToWidth, worksheet.name).toBe(1);
      expect(setup.fitToHeight, worksheet.name).toBe(0);
      expect(worksheet.headerFooter.oddFooter, worksheet.name).toBe('&LSesión 2 && cierre · código 482 913 · Página &P de &N');
    }
    expect(syntheses.pageSetup.orientation).toBe('landscape');
    expect(summary.pageSetup.orientation).toBe('portrait');
    expect(syntheses.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
  });

  it('uses the English labels with locale en', async () => {
    const workbook = await load(await renderSessionXlsx(sampleSessionReport(), 'en'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Summary', 'The five axes', 'Breakout rooms', 'Kinds of support needed']),
    );
    expect(workbook.worksheets[1]!.name.startsWith('Q2 ')).toBe(true);
    expectValidSheetNames(workbook);
  });
});

describe('renderSeriesXlsx', () => {
  it('writes the sessions, each axis per session with its change, the support and the syntheses', async () => {
    const report = sampleSeriesReport();
    const workbook = await load(await renderSeriesXlsx(report));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      es('report.summary'),
      es('report.axes'),
      'Promedios por sesión',
      'Los servicios en cada sesión',
      es('seriesCompare.section'),
      es('report.supportKinds'),
      es('report.syntheses'),
    ]);
    expectValidSheetNames(workbook);
    expectNoFormulas(workbook);
    const date = (id: string) => wallClock(report.sessions.find((s) => s.id === id)!.createdAt);
    const title = (id: string) => report.sessions.find((s) => s.id === id)!.title;

    const summary = table(sheet(workbook, es('report.summary')));
    expect(summary.rows).toEqual(
      report.sessions.map((s) => [
        s.title,
        wallClock(s.createdAt),
        s.agencies.join('; '),
        s.participation.participants,
        s.participation.respondents,
      ]),
    );
    expect([...values(sheet(workbook, es('report.summary'))).values()].flat()).toContain(report.series.title);

    const axes = sheet(workbook, es('report.axes'));
    const axesTable = table(axes);
    expect(axesTable.header.at(-1)).toBe(es('report.change'));
    expect(axesTable.rows).toEqual(
      report.axes.flatMap((axis) =>
        axis.sessions.map((e) => [axis.label, title(e.sessionId), date(e.sessionId), ...e.counts, e.n, e.mean, e.change]),
      ),
    );
    // The second session's change is there, as a signed number.
    const changes = axesTable.rows.map((r) => r.at(-1)).filter((v) => v !== null);
    expect(changes).toHaveLength(report.axes.length);
    expect(changes).toEqual(report.axes.map((axis) => axis.sessions[1]!.change));
    expect(axes.getCell(axesTable.headerRow + 2, axesTable.header.length).numFmt).toBe('+0.00;-0.00;0.00');

    const means = table(sheet(workbook, 'Promedios por sesión'));
    expect(means.header).toEqual([es('report.axis'), ...report.sessions.map((s) => `${s.title} (${formatDate(s.createdAt, 'es-CL')})`)]);
    expect(means.rows).toEqual(report.axes.map((axis) => [axis.label, ...axis.sessions.map((e) => e.mean)]));

    const suppressed = es('report.suppressed', { min: LIMITS.smallGroupMin });
    const agencies = table(sheet(workbook, 'Los servicios en cada sesión'));
    expect(agencies.header).toEqual([
      'Servicio',
      es('report.session'),
      es('report.date'),
      'Participantes',
      'Personas que respondieron',
      ...report.axes.map((axis) => `${axis.label}: promedio`),
    ]);
    expect(agencies.rows).toEqual(
      report.agencies.flatMap((agency) =>
        agency.sessions.map((e) => [
          agency.name,
          title(e.sessionId),
          date(e.sessionId),
          ...(e.suppressed
            ? [suppressed, ...Array<null>(1 + report.axes.length).fill(null)]
            : [e.participants, e.respondents, ...report.axes.map((axis) => e.items!.find((i) => i.id === axis.id)!.mean)]),
        ]),
      ),
    );

    // Ranking and points compared: a row per item and session, the small-group text where suppressed.
    const compared = table(sheet(workbook, es('seriesCompare.section')));
    expect(compared.header.slice(-4)).toEqual([
      es('report.n'),
      es('ranking.meanPosition'),
      es('ranking.firstShare'),
      es('points.meanPoints'),
    ]);
    expect(compared.rows).toEqual([
      ['Prioricen los desafíos', es('report.kind.ranking'), 'Carga de trabajo', title('a'), date('a'), 12, 1.25, 0.75, null],
      ['Prioricen los desafíos', es('report.kind.ranking'), 'Carga de trabajo', title('b'), date('b'), suppressed, null, null, null],
      ['Prioricen los desafíos', es('report.kind.ranking'), 'Liderazgo', title('a'), date('a'), 12, 2.5, 0.25, null],
      ['Prioricen los desafíos', es('report.kind.ranking'), 'Liderazgo', title('b'), date('b'), suppressed, null, null, null],
      ['Prioricen los desafíos', es('report.kind.ranking'), 'Reconocimiento', title('a'), date('a'), 12, 2.25, 0, null],
      ['Prioricen los desafíos', es('report.kind.ranking'), 'Reconocimiento', title('b'), date('b'), suppressed, null, null, null],
      ['Repartan 100 puntos', es('report.kind.points'), 'Información', title('a'), date('a'), 10, null, null, 62.5],
      ['Repartan 100 puntos', es('report.kind.points'), 'Información', title('b'), date('b'), 8, null, null, 41],
      ['Repartan 100 puntos', es('report.kind.points'), 'Formación', title('a'), date('a'), 10, null, null, 37.5],
      ['Repartan 100 puntos', es('report.kind.points'), 'Formación', title('b'), date('b'), 8, null, null, 59],
    ]);

    const support = table(sheet(workbook, es('report.supportKinds')));
    expect(support.rows).toEqual(
      report.support.flatMap((s) => s.counts.map((c) => [title(s.sessionId), date(s.sessionId), c.label, c.count])),
    );

    const syntheses = table(sheet(workbook, es('report.syntheses')));
    const expected = report.syntheses.reduce(
      (sum, s) => sum + s.syntheses.reduce((n, x) => n + x.salas.length * (x.fields.length + 1), 0),
      0,
    );
    expect(syntheses.rows).toHaveLength(expected);
    expect(syntheses.rows.filter((r) => r[10] === '=HYPERLINK("http://x.example","clic")').map((r) => r[0])).toEqual(
      report.sessions.map((s) => s.title),
    );
  });

  it('gives a valid workbook for a series without sessions', async () => {
    const report = sampleSeriesReport();
    report.sessions = [];
    report.axes = [];
    report.support = [];
    report.syntheses = [];
    report.agencies = [];
    report.comparisons = [];
    const workbook = await load(await renderSeriesXlsx(report, 'en'));
    expect(workbook.worksheets[0]!.name).toBe('Summary');
    expect(workbook.worksheets.map((s) => s.name)).not.toContain('Rankings and points by session');
    expect(table(workbook.worksheets[0]!).rows).toEqual([]);
  });
});

describe('sheet names', () => {
  it('drops forbidden characters, end apostrophes, and cuts to 31 characters', () => {
    expect(sanitiseSheetName('a[b]c:d*e?f/g\\h')).toBe('a b c d e f g h');
    expect(sanitiseSheetName("'quoted'")).toBe('quoted');
    expect(sanitiseSheetName('x'.repeat(40))).toBe('x'.repeat(31));
    expect(sanitiseSheetName('?*', 'Resumen')).toBe('Resumen');
    expect(sanitiseSheetName('history', 'Hoja')).toBe('Hoja');
    // A surrogate pair is not split at the cut.
    expect(sanitiseSheetName(`${'x'.repeat(30)}😀`)).toBe('x'.repeat(30));
  });

  it('hands out unique names, case-insensitively, within the limit', () => {
    const names = new SheetNames();
    const long = 'Una hoja con un nombre bastante largo';
    const given = [names.name(long), names.name(long), names.name(long.toUpperCase()), names.name('Salas'), names.name('salas')];
    expect(given[0]).toBe(long.slice(0, 31));
    expect(given[1]).toBe(`${long.slice(0, 27).trimEnd()} (2)`);
    expect(given[2]).toBe(`${long.toUpperCase().slice(0, 27).trimEnd()} (3)`);
    expect(given[4]).toBe('salas (2)');
    for (const name of given) expect(name.length).toBeLessThanOrEqual(31);
    expect(new Set(given.map((n) => n.toLowerCase())).size).toBe(given.length);
  });
});

// Keep the sample's shape honest: the tests above rely on a suppressed sala and on formula-like texts.
it('the sample report has what these tests rely on', () => {
  const report: SessionReport = sampleSessionReport();
  expect(report.breakouts[0]!.salas.some((s) => s.ratings.some((r) => r.suppressed))).toBe(true);
  expect(report.questions.some((q) => q.kind === 'open' && q.answers.includes('=1+1'))).toBe(true);
});

describe('page layout helpers', () => {
  it('names columns past Z as Excel does', () => {
    expect([1, 26, 27, 28, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('counts the lines of a wrapped text, line breaks included', () => {
    expect(wrappedLines('corto', 20)).toBe(1);
    expect(wrappedLines('x'.repeat(49), 20)).toBe(3);
    expect(wrappedLines('uno\ndos\n', 40)).toBe(3);
  });
});
