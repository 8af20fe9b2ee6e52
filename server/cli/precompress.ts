/**
 * Brotli and gzip copies of the built client's text files (app.js.br and app.js.gz beside
 * app.js), made once at build time at the strongest levels, so the server's static plugin
 * (preCompressed) sends them to browsers that accept them instead of compressing per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text worth compressing. HTML is left out: the server sends the page with the theme written in. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|webmanifest)$/i;

/** Writes file.br and file.gz beside each compressible file under dir, when smaller; returns what was written. */
export function precompressDir(dir: string): string[] {
  const written: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      written.push(...precompressDir(path));
      continue;
    }
    if (!COMPRESSIBLE.test(entry)) continue;
    const original = readFileSync(path);
    const copies = {
      br: brotliCompressSync(original, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: original.length },
      }),
      gz: gzipSync(original, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [extension, bytes] of Object.entries(copies)) {
      // A tiny file can grow when compressed: the original is sent then.
      if (bytes.length >= original.length) continue;
      writeFileSync(`${path}.${extension}`, bytes);
      written.push(`${path}.${extension}`);
    }
  }
  return written;
}

/** The Vite plugin: precompresses the output folder once the build has written it. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'plenario-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
