/**
 * The plenary deck (GET /api/sessions/:id/report.pptx) of a rehearsed session: who may download
 * it (and the audit of it), and LibreOffice Impress opening it: converted to PDF, every slide's
 * text is found in its page's text layer, and every page rasterises.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { buildDeck, type DeckSlide } from '../../server/reports/pptx-model.ts';
import { convert, ensureImpress } from '../support/libreoffice.ts';
import { ensurePoppler } from '../support/poppler.ts';
import { runDemo } from './support/demo.ts';
import { startServer, type TestServer } from './support/server.ts';

const PASSWORD = 'contraseña-segura-1';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

let server: TestServer | null = null;
let dir: string | null = null;

beforeAll(() => {
  ensurePoppler();
  ensureImpress();
}, 600_000);

afterEach(async () => {
  await server?.close();
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function signIn(url: string, email: string): Promise<{ cookie: string }> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]! };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The texts a slide must show: its title and caption, and what its charts, table or text hold. */
function textsOf(slide: DeckSlide): string[] {
  const own = [slide.title, slide.caption ?? ''];
  if (slide.kind === 'title') return [...own, ...slide.lines, slide.kicker.toUpperCase()];
  if (slide.kind === 'chart') return [...own, ...slide.charts.flatMap((chart) => chart.categories)];
  if (slide.kind === 'table') return [...own, ...slide.header, ...slide.rows.flat()];
  return [...own, ...slide.blocks.flatMap((block) => [block.heading, block.text])];
}

describe('the plenary deck', () => {
  it('is downloaded by the owner, an administrator or the console secret only, and recorded in the audit', async () => {
    server = await startServer();
    const { url } = server;
    for (const [email, role] of [
      ['admin@serviciocivil.cl', 'admin'],
      ['ana@serviciocivil.cl', 'facilitator'],
      ['beto@serviciocivil.cl', 'facilitator'],
    ] as const) {
      await server.app.accounts.createAccount({ email, name: email.split('@')[0]!, password: PASSWORD, role });
    }
    const admin = await signIn(url, 'admin@serviciocivil.cl');
    const ana = await signIn(url, 'ana@serviciocivil.cl');
    const beto = await signIn(url, 'beto@serviciocivil.cl');
    const created = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ana },
      body: JSON.stringify({ title: 'Taller de Ana', template: 'bienestar-sesion-2' }),
    });
    const session = (await created.json()) as CreatedSession;
    const deck = `${url}/api/sessions/${session.id}/report.pptx`;
    const downloads = async () => (await server!.app.services.audit.list({ action: 'report.downloaded' }, 1)).total;

    const status = async (headers: Record<string, string>) => (await fetch(deck, { headers })).status;
    expect(await status({})).toBe(401);
    expect(await status({ authorization: 'Bearer not-the-right-secret-at-all' })).toBe(401);
    const forbidden = await fetch(deck, { headers: beto });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const unknown = await fetch(`${url}/api/sessions/no-such-session/report.pptx`, { headers: ana });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('SESSION_NOT_FOUND');
    expect(await status(ana)).toBe(200);
    expect(await fetch(`${deck}?separator=comma`, { headers: ana }).then((r) => r.status)).toBe(400);
    // Refused downloads are not recorded; the owner's one is.
    expect(await downloads()).toBe(1);

    for (const headers of [admin, { authorization: `Bearer ${session.facilitatorToken}` }]) {
      const response = await fetch(`${deck}?locale=en`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(PPTX);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="informe-taller-de-ana-\d{4}-\d{2}-\d{2}\.pptx"$/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
    }
    const entry = (await server.app.services.audit.list({ action: 'report.downloaded' }, 1)).entries[0]!;
    expect(entry).toMatchObject({ target: { kind: 'session', id: session.id }, detail: { format: 'pptx' } });
    expect(await downloads()).toBe(3);
  });

  it('opens in LibreOffice Impress: converted to PDF, each slide’s text is on its page, and every page rasterises', async () => {
    server = await startServer();
    const rehearsal = await runDemo(['--participants', '12', '--url', server.url, '--json'], 180_000);
    expect(rehearsal.code, rehearsal.stderr).toBe(0);
    const lines = rehearsal.stdout.trim().split('\n');
    const session = JSON.parse(lines[lines.length - 1]!) as CreatedSession;
    const headers = { authorization: `Bearer ${session.facilitatorToken}` };
    const report = (await (await fetch(`${server.url}/api/sessions/${session.id}/report.json`, { headers })).json()) as SessionReport;
    const response = await fetch(`${server.url}/api/sessions/${session.id}/report.pptx`, { headers });
    expect(response.status).toBe(200);

    dir = mkdtempSync(join(tmpdir(), 'plenario-deck-'));
    writeFileSync(join(dir, 'deck.pptx'), Buffer.from(await response.arrayBuffer()));
    await convert([join(dir, 'deck.pptx')], 'pdf', dir);
    const pdf = join(dir, 'deck.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const slides = buildDeck(report, 'es-CL');
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(slides.length);
    // 16:9: 13.33 × 7.5 inches.
    expect(info).toMatch(/Page size:\s+960(\.\d+)? x 540(\.\d+)? pts/);

    // The deck holds every part of the rehearsal: questions, the profile, syntheses, support, agencies.
    const kinds = new Set(slides.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['chart', 'table', 'text', 'title']);
    expect(slides.some((s) => s.kind === 'chart' && s.charts.some((c) => c.type === 'radar'))).toBe(true);

    const raw = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const pages = raw.split('\f').map(collapse);
    slides.forEach((slide, index) => {
      // Words, not lines: a chart's label or a cell may wrap anywhere.
      const words = collapse(pages[index]!).split(' ');
      for (const text of textsOf(slide).filter((t) => t !== '')) {
        for (const word of collapse(text).split(' '))
          expect(words, `slide ${index + 1} (${slide.title}): «${word}» of «${text}»`).toContain(word);
      }
      expect(pages[index], `slide ${index + 1}`).toContain(`${index + 1}`);
    });

    const images = join(dir, 'png');
    mkdirSync(images);
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, join(images, 'slide')]);
    const files = readdirSync(images).filter((f) => f.endsWith('.png'));
    expect(files).toHaveLength(slides.length);
    // A 16:9 slide at 40 dpi with a title and a chart or text weighs well over a blank one (~1 KB).
    for (const file of files) expect(statSync(join(images, file)).size, file).toBeGreaterThan(8_000);
  }, 400_000);
});
