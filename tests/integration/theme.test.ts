import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from './support/files.ts';
import { exited, spawnServer } from './support/process.ts';
import { createSession, startServer, tempDataDir, type TestServer } from './support/server.ts';

/** A real 2×1 PNG (pdfkit decodes what it embeds): chunks with their CRCs. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixels = deflateSync(Buffer.from([0, 0x1b, 0x36, 0x5d, 0xe4, 0x00, 0x2b]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const LOGO = png();
let themed: TestServer;
let plain: TestServer;

/** The client's own index.html as the built page: the theme rewrites what it holds. */
function clientDir(dataDir: string): string {
  const dir = join(dataDir, 'client');
  mkdirSync(dir, { recursive: true });
  copyFileSync(new URL('../../client/index.html', import.meta.url), join(dir, 'index.html'));
  return dir;
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  const logo = join(dataDir, 'logo.png');
  writeFileSync(logo, LOGO);
  themed = await startServer({
    dataDir,
    env: {
      CLIENT_DIR: clientDir(dataDir),
      THEME_NAME: 'Servicio Civil',
      THEME_PRIMARY: '#1b365d',
      THEME_ACCENT: '#e4002b',
      THEME_LOGO: logo,
    },
  });
  const plainDir = tempDataDir();
  plain = await startServer({ dataDir: plainDir, env: { CLIENT_DIR: clientDir(plainDir) } });
});

afterAll(async () => {
  await themed?.close();
  await plain?.close();
});

describe("a deployment's theme", () => {
  it('names the deployment and links its stylesheet and logo from every page, under the strict CSP', async () => {
    for (const path of ['/', '/j/482913', '/index.html']) {
      const page = await fetch(`${themed.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
      const html = await page.text();
      expect(html, path).toContain('<title>Servicio Civil</title>');
      expect(html).toContain('<meta name="application-name" content="Servicio Civil" />');
      expect(html).toContain('<meta name="theme-color" content="#1b365d" />');
      expect(html).toContain('<link rel="stylesheet" href="/theme.css" />');
      expect(html).toMatch(/<meta name="plenario-logo" content="\/theme\/logo-[0-9a-f]{10}\.png" \/>/);
    }
  });

  it('serves its colours as /theme.css, revalidated by ETag', async () => {
    const css = await fetch(`${themed.url}/theme.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('no-cache');
    const body = await css.text();
    expect(body).toContain('--color-primary: #1b365d;');
    expect(body).toContain('--color-accent: #e4002b;');
    const etag = css.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await fetch(`${themed.url}/theme.css`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves its logo by its hash, cached for good', async () => {
    const html = await (await fetch(`${themed.url}/`)).text();
    const path = /<meta name="plenario-logo" content="([^"]+)"/.exec(html)![1]!;
    const logo = await fetch(`${themed.url}${path}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    // fetch accepts gzip and brotli: a PNG is compressed already, so it goes as it is.
    expect(logo.headers.get('content-encoding')).toBeNull();
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await logo.arrayBuffer()).equals(LOGO)).toBe(true);
  });

  it('heads the PDF report with its name and logo', async () => {
    const session = await createSession(themed.url);
    const response = await fetch(`${themed.url}/api/sessions/${session.id}/report.pdf`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const pdf = readPdf(bytes);
    expect(pdf.author).toBe('Servicio Civil');
    expect(pdf.text.split('\n')[0]).toBe('Servicio Civil');
    const dir = mkdtempSync(join(tmpdir(), 'plenario-pdf-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), bytes);
      const images = execFileSync('pdfimages', ['-list', join(dir, 'report.pdf')], { encoding: 'utf8' });
      expect(images).toMatch(/^\s*1\s+\d+\s+image\s+2\s+1\s+rgb/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps Plenario's own look when nothing is set", async () => {
    const html = await (await fetch(`${plain.url}/`)).text();
    expect(html).toContain('<title>Plenario</title>');
    expect(html).not.toContain('/theme.css');
    expect(html).not.toContain('plenario-logo');
    // The stylesheet exists all the same (app.css's own values), for whoever links it.
    expect(await (await fetch(`${plain.url}/theme.css`)).text()).toContain('--color-primary: #0f69b4;');
    const session = await createSession(plain.url);
    const pdf = await fetch(`${plain.url}/api/sessions/${session.id}/report.pdf`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(readPdf(new Uint8Array(await pdf.arrayBuffer())).author).toBe('Plenario');
  });

  it('stops the server before it listens when a colour fails WCAG AA, saying which and why', async () => {
    const child = spawnServer({ PORT: '0', DATA_DIR: tempDataDir(), THEME_PRIMARY: '#7fb2e5' });
    expect(await exited(child)).toBe(1);
    expect(child.output()).toMatch(
      /^Plenario no pudo iniciar: THEME_PRIMARY #7fb2e5 is refused: white text on it \(buttons, chosen answers\) has a contrast of \d\.\d\d:1, under the 4\.5:1 WCAG AA asks of normal text\.$/m,
    );
  });
});
