import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePoppler } from '../../support/poppler.ts';
import type { PointsQuestionReport, RankingQuestionReport, SessionReport } from '../../../shared/report.ts';
import { renderSessionCsv } from '../../../server/reports/csv.ts';
import { renderSessionPdf } from '../../../server/reports/pdf.ts';
import { renderSessionXlsx } from '../../../server/reports/xlsx.ts';
import { emptySessionReport } from './sample-report.ts';

const base = { section: null, premise: null, body: null, facilitatorComments: null };

const ranking: RankingQuestionReport = {
  ...base,
  activityId: 'rk',
  position: 1,
  title: '¿Qué eje es más urgente?',
  kind: 'ranking',
  respondents: 4,
  n: 4,
  places: 3,
  items: [
    { id: 'b', label: 'Información', meanPosition: 1.25, firstShare: 0.75, positions: [3, 1, 0] },
    { id: 'a', label: 'Liderazgo', meanPosition: 2.25, firstShare: 0.25, positions: [1, 1, 2] },
    { id: 'c', label: 'Normativo', meanPosition: 2.5, firstShare: 0, positions: [0, 2, 2] },
  ],
};

const points: PointsQuestionReport = {
  ...base,
  activityId: 'pt',
  position: 2,
  title: 'Reparte 100 puntos',
  kind: 'points',
  respondents: 2,
  n: 2,
  budget: 100,
  allowUnder: false,
  items: [
    { id: 'b', label: 'Información', meanPoints: 75, distribution: [0, 0, 1, 0, 1] },
    { id: 'a', label: 'Liderazgo', meanPoints: 25, distribution: [1, 0, 1, 0, 0] },
  ],
};

function report(): SessionReport {
  return { ...emptySessionReport(), participation: { participants: 4, respondents: 4 }, questions: [ranking, points] };
}

describe('ranking and points in the CSV', () => {
  it('give one row per item and measure, figures in the figure column', () => {
    const lines = renderSessionCsv(report(), { separator: ';' }).split('\r\n');
    const row = (item: string, measure: string) => lines.find((line) => line.includes(`;${item};${measure};`));
    expect(row('Información', 'Posición promedio')).toContain(';1,25;');
    expect(row('Información', 'En primer lugar')).toContain(';75,00;');
    expect(row('Liderazgo', 'Personas que lo pusieron en el lugar 3')).toContain(';2;');
    expect(row('Información', 'Puntos promedio')).toContain(';75,00;');
    expect(row('Liderazgo', 'Personas que le dieron 0 puntos')).toContain(';1;');
    expect(lines.filter((line) => line.includes('Orden de prioridad'))).toHaveLength(3 * (2 + 3));
    expect(lines.filter((line) => line.includes('Reparto de puntos'))).toHaveLength(2 * 6);
  });
});

describe('ranking and points in the XLSX', () => {
  it('give each question a sheet with its items best first and their figures', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSessionXlsx(report())) as unknown as ExcelJS.Buffer);
    const rows = (name: string) => {
      const sheet = workbook.worksheets.find((s) => s.name.startsWith(name))!;
      const found: unknown[][] = [];
      sheet.eachRow((r) => found.push((r.values as unknown[]).slice(1)));
      return found;
    };
    const rankingRows = rows('P1');
    expect(rankingRows).toContainEqual(['Información', 1.25, 0.75, 3, 1, 0]);
    expect(rankingRows).toContainEqual(['Normativo', 2.5, 0, 0, 2, 2]);
    const pointsRows = rows('P2');
    expect(pointsRows).toContainEqual(['Puntos a repartir', 100]);
    expect(pointsRows).toContainEqual(['Liderazgo', 25, 1, 0, 1, 0, 0]);
  });
});

describe('ranking and points in the PDF', () => {
  beforeAll(() => ensurePoppler());

  it('draw each item with its mean position and share first, or its mean points, in both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenario-rp-pdf-'));
    const text = async (locale: 'es-CL' | 'en') => {
      const file = join(dir, `${locale}.pdf`);
      writeFileSync(file, await renderSessionPdf(report(), locale));
      return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const es = await text('es-CL');
    expect(es).toContain('Orden de prioridad');
    expect(es).toMatch(/Información 1,25 · 75\s?% lo puso primero/);
    expect(es).toContain('1–25 %');
    expect(es).toContain('Puntos promedio');
    expect(es).toContain('75,00');
    const en = await text('en');
    expect(en).toMatch(/1\.25 · 75\s?% put it first/);
    expect(en).toContain('Mean points');
  });
});

/** The same questions asked before a breakout: Sala 1 answered (6 people), Sala 2 had 3 (below the minimum). */
function withSalas(): SessionReport {
  const sala = (id: string, name: string) => ({
    id,
    name,
    members: 6,
    roles: { moderator: true, secretary: true },
    memberNames: null,
    ratings: [],
    turns: 0,
  });
  return {
    ...report(),
    breakouts: [
      {
        activityId: 'br',
        position: 3,
        title: 'Conversación en salas',
        phase: 'closed',
        discussionSeconds: 600,
        returnSeconds: 60,
        facilitatorComments: null,
        salas: [
          {
            ...sala('s1', 'Sala 1'),
            rankings: [
              {
                activityId: 'rk',
                suppressed: false,
                respondents: 6,
                items: [
                  { id: 'a', meanPosition: 1.5, firstShare: 0.5 },
                  { id: 'b', meanPosition: 1.75, firstShare: 0.25 },
                  { id: 'c', meanPosition: 2.75, firstShare: 0.25 },
                ],
              },
            ],
            points: [
              {
                activityId: 'pt',
                suppressed: false,
                respondents: 6,
                items: [
                  { id: 'a', meanPoints: 60 },
                  { id: 'b', meanPoints: 40 },
                ],
              },
            ],
          },
          {
            ...sala('s2', 'Sala 2'),
            rankings: [{ activityId: 'rk', suppressed: true, respondents: null, items: null }],
            points: [{ activityId: 'pt', suppressed: true, respondents: null, items: null }],
          },
        ],
      },
    ],
  };
}

describe('each sala’s ranking and points beside the room’s', () => {
  const suppressed = 'Menos de 5 respuestas: no se muestra';

  it('CSV: a row per sala, item and measure; the small-group text for a sala below 5', () => {
    const lines = renderSessionCsv(withSalas(), { separator: ';' }).split('\r\n');
    const row = (sala: string, item: string, measure: string) => lines.filter((line) => line.includes(`;${sala};${item};${measure};`));
    expect(row('Sala 1', 'Liderazgo', 'Posición promedio (pregunta 1)')).toEqual([expect.stringContaining(';1,50;;6')]);
    expect(row('Sala 1', 'Liderazgo', 'En primer lugar (pregunta 1)')).toEqual([expect.stringContaining(';50,00;;6')]);
    expect(row('Sala 1', 'Información', 'Puntos promedio (pregunta 2)')).toEqual([expect.stringContaining(';40,00;;6')]);
    expect(row('Sala 2', 'Liderazgo', 'Posición promedio (pregunta 1)')).toEqual([expect.stringContaining(`;${suppressed};`)]);
    // Sala 2 gives no figure anywhere: 3 items × 2 measures + 2 items × 1, each the text.
    const sala2 = lines.filter((line) => line.includes(';Sala 2;') && line.includes('(pregunta'));
    expect(sala2).toHaveLength(3 * 2 + 2);
    for (const line of sala2) expect(line).toContain(suppressed);
  });

  it('XLSX: a sheet with the room then each sala per item', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSessionXlsx(withSalas())) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Prioridades y puntos por sala')!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const lead = ['Conversación en salas', 1, '¿Qué eje es más urgente?', 'Liderazgo'];
    expect(rows).toContainEqual([...lead, 'Todo el grupo', 4, 2.25, 0.25]);
    expect(rows).toContainEqual([...lead, 'Sala 1', 6, 1.5, 0.5]);
    expect(rows).toContainEqual([...lead, 'Sala 2', suppressed]);
    expect(rows).toContainEqual([
      'Conversación en salas',
      2,
      'Reparte 100 puntos',
      'Información',
      'Todo el grupo',
      2,
      undefined,
      undefined,
      75,
    ]);
    expect(rows).toContainEqual(['Conversación en salas', 2, 'Reparte 100 puntos', 'Información', 'Sala 1', 6, undefined, undefined, 40]);
    expect(rows.filter((r) => r[4] === 'Sala 2').every((r) => r.length === 6 && r[5] === suppressed)).toBe(true);
    // No sheet without salas.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await renderSessionXlsx(report())) as unknown as ExcelJS.Buffer);
    expect(plain.getWorksheet('Prioridades y puntos por sala')).toBeUndefined();
  });

  it('PDF: per question, items down, the room and the salas across', async () => {
    ensurePoppler();
    const file = join(mkdtempSync(join(tmpdir(), 'plenario-rp-salas-')), 'salas.pdf');
    writeFileSync(file, await renderSessionPdf(withSalas()));
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .replace(/\s+/g, ' ')
      .replace(/\s+%/g, '%');
    expect(text).toContain('Cada sala y todo el grupo: ¿Qué eje es más urgente?');
    expect(text).toContain(`Ítem Todo el grupo Sala 1 Sala 2 n 4 6 ${suppressed}`);
    expect(text).toContain('Liderazgo 2,25 · 25% primero 1,50 · 50% primero —');
    expect(text).toContain('Cada sala y todo el grupo: Reparte 100 puntos');
    expect(text).toContain('Información 75,00 40,00 —');
  });
});
