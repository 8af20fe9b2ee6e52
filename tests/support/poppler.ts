import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { aptInstall } from './apt.ts';

/** The poppler tools the PDF tests run: page count, text layer, pages as images. */
export const POPPLER_TOOLS = ['pdfinfo', 'pdftotext', 'pdftoppm'] as const;

/** Where a tool is on PATH (or in /usr/bin), or null. */
function findTool(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The tools not found. */
export function missingPopplerTools(): string[] {
  return POPPLER_TOOLS.filter((tool) => findTool(tool) === null);
}

/**
 * Finds pdfinfo, pdftotext and pdftoppm, or installs Debian's `poppler-utils` package (as
 * root) so that the PDF tests pass on a fresh machine; anything else gets a clear error.
 */
export function ensurePoppler(): void {
  if (missingPopplerTools().length === 0) return;
  aptInstall(
    ['poppler-utils'],
    `poppler-utils not found (missing: ${missingPopplerTools().join(', ')}). The PDF tests read PDFs with them: install them (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler).`,
  );
  const missing = missingPopplerTools();
  if (missing.length > 0) throw new Error(`apt-get installed poppler-utils, but ${missing.join(', ')} was not found.`);
}
