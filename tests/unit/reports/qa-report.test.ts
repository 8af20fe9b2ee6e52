/** The Q&A entry in every report format: shown questions with votes and answered; hidden and pending ones counted, never printed. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { QaQuestionReport, SessionReport } from '../../../shared/report.ts';
import { renderSessionCsv } from '../../../server/reports/csv.ts';
import { renderSessionPdf } from '../../../server/reports/pdf.ts';
import { renderSessionXlsx } from '../../../server/reports/xlsx.ts';
import { archiveOf } from '../../../server/domain/report.ts';
import { ensurePoppler } from '../../support/poppler.ts';
import { sampleSessionReport } from './sample-report.ts';

const qa: QaQuestionReport = {
  activityId: 'qa',
  position: 12,
  section: null,
  premise: null,
  title: 'Preguntas para el Servicio Civil',
  body: null,
  respondents: 4,
  facilitatorComments: null,
  kind: 'qa',
  moderated: true,
  questions: [
    { text: '¿Habrá formación para jefaturas?', votes: 7, answered: true },
    { text: '=¿Cómo medimos el bienestar?', votes: 3, answered: false },
  ],
  hiddenCount: 2,
  pendingCount: 1,
};

function report(): SessionReport {
  const base = sampleSessionReport();
  return { ...base, questions: [...base.questions, qa] };
}

describe('the Q&A entry in the reports', () => {
  it('CSV: a row per question for its votes and whether it was answered, the counts of hidden and pending ones', () => {
    const lines = renderSessionCsv(report(), { separator: ';' }).split('\r\n');
    const ofQa = lines.filter((line) => line.includes('Preguntas para el Servicio Civil'));
    expect(ofQa.find((l) => l.includes('¿Habrá formación para jefaturas?') && l.includes(';Votos;'))).toContain(';7;');
    expect(ofQa.find((l) => l.includes('¿Habrá formación para jefaturas?') && l.includes(';Respondida;'))).toContain(';Sí;');
    // A question that looks like a formula is written so no spreadsheet evaluates it.
    expect(ofQa.some((l) => l.includes("'=¿Cómo medimos el bienestar?"))).toBe(true);
    expect(ofQa.find((l) => l.includes('Preguntas ocultas por moderación'))).toContain(';2;');
    expect(ofQa.find((l) => l.includes('Preguntas sin aprobar'))).toContain(';1;');
  });

  it('XLSX: the question sheet lists Pregunta · Votos · Respondida, most voted first, with the counts above', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSessionXlsx(report())) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets.find((s) => s.name.startsWith('P12'));
    if (!sheet) throw new Error('no sheet for the Q&A');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Preguntas ocultas por moderación', 2]);
    expect(rows).toContainEqual(['Preguntas sin aprobar', 1]);
    const header = rows.findIndex((r) => r[0] === 'Pregunta');
    expect(rows.slice(header, header + 3)).toEqual([
      ['Pregunta', 'Votos', 'Respondida'],
      ['¿Habrá formación para jefaturas?', 7, 'Sí'],
      ['=¿Cómo medimos el bienestar?', 3, 'No'],
    ]);
  });

  it('PDF: the shown questions with their votes, the answered one marked, the hidden and pending ones counted', async () => {
    ensurePoppler();
    const dir = mkdtempSync(join(tmpdir(), 'plenario-qa-pdf-'));
    try {
      const file = join(dir, 'qa.pdf');
      writeFileSync(file, await renderSessionPdf(report()));
      const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('¿Habrá formación para jefaturas? (Respondida) 7');
      expect(text).toContain('=¿Cómo medimos el bienestar? 3');
      expect(text).toContain('Preguntas ocultas por moderación: 2 · sin aprobar: 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the counts but not the questions (the askers' own words) once participant data is removed", () => {
    const kept = archiveOf(report()).questions.find((q) => q.kind === 'qa');
    expect(kept).toMatchObject({ kind: 'qa', respondents: 4, questions: [], hiddenCount: 2, pendingCount: 1 });
  });
});
