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
