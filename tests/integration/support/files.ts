/** Files for and from tests: a small built client; exported files read back (CSV, PDF text through poppler). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small built client of our own in dataDir/client (index.html loading assets/app.js): what is
 * served around it does not depend on what the real pages hold. Returns its folder, for CLIENT_DIR.
 */
export function smallClient(dataDir: string, script: string): string {
  const clientDir = join(dataDir, 'client');
  mkdirSync(join(clientDir, 'assets'), { recursive: true });
  writeFileSync(
    join(clientDir, 'index.html'),
    '<!doctype html><title>Plenario</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(clientDir, 'assets', 'app.js'), script);
  return clientDir;
}

/** Rows of an RFC 4180 CSV (quoted fields, doubled quotes, CRLF), after an optional BOM. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The PDF's text layer, page count and author, read by poppler's pdftotext and pdfinfo. */
export function readPdf(bytes: Uint8Array): { text: string; pages: number; author: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plenario-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    const author = /^Author:\s+(.*)$/m.exec(info)?.[1] ?? '';
    return { text, pages, author };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
