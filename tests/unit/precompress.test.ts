import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressDir } from '../../server/cli/precompress.ts';

describe('precompressDir', () => {
  it('writes brotli and gzip copies of the text files that shrink, and only of those', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenario-precompress-'));
    mkdirSync(join(dir, 'assets'));
    const script = 'export const greet = (name) => `Hola, ${name}`;\n'.repeat(200);
    const css = ':root { --color-primary: #0f69b4; }\n'.repeat(100);
    writeFileSync(join(dir, 'assets', 'index-abc.js'), script);
    writeFileSync(join(dir, 'assets', 'index-abc.css'), css);
    writeFileSync(join(dir, 'assets', 'tiny.js'), 'x');
    writeFileSync(join(dir, 'assets', 'photo.png'), Buffer.alloc(4096));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>'.repeat(100));

    const written = precompressDir(dir).map((path) => path.slice(dir.length + 1));

    expect(written.sort()).toEqual([
      'assets/index-abc.css.br',
      'assets/index-abc.css.gz',
      'assets/index-abc.js.br',
      'assets/index-abc.js.gz',
    ]);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'index-abc.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'index-abc.css.gz'))).toString()).toBe(css);
    expect(readFileSync(join(dir, 'assets', 'index-abc.js.br')).length).toBeLessThan(script.length / 10);
    // Compressed already, served as a themed page, or larger once compressed: no copies.
    expect(existsSync(join(dir, 'assets', 'photo.png.br'))).toBe(false);
    expect(existsSync(join(dir, 'index.html.gz'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'tiny.js.br'))).toBe(false);
  });
});
