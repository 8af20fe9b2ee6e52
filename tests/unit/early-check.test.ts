import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { earlyTags } from '../../server/cli/early-check.ts';

function chunk(fileName: string, name: string, options: { entry?: boolean; imports?: string[] } = {}): Rollup.OutputChunk {
  return {
    type: 'chunk',
    fileName,
    name,
    isEntry: options.entry ?? false,
    imports: options.imports ?? [],
  } as unknown as Rollup.OutputChunk;
}

const bundleOf = (...chunks: Rollup.OutputChunk[]): Rollup.OutputBundle => Object.fromEntries(chunks.map((c) => [c.fileName, c]));

describe("the page's early script", () => {
  it('is the early entry, with a preload for every file it imports, directly or not (fetched at once, not one after the other)', () => {
    const bundle = bundleOf(
      chunk('assets/index-a1.js', 'index', { entry: true, imports: ['assets/storage-b2.js'] }),
      chunk('assets/early-check-c3.js', 'early-check', { entry: true, imports: ['assets/early-check-d4.js'] }),
      chunk('assets/early-check-d4.js', 'early-check', { imports: ['assets/storage-b2.js'] }),
      chunk('assets/storage-b2.js', 'storage'),
    );
    expect(earlyTags(bundle).split(/\n\s*/)).toEqual([
      '<script type="module" crossorigin src="/assets/early-check-c3.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/early-check-d4.js">',
      '<link rel="modulepreload" crossorigin href="/assets/storage-b2.js">',
    ]);
  });

  it('fails the build when the early entry is missing', () => {
    expect(() => earlyTags(bundleOf(chunk('assets/index-a1.js', 'index', { entry: true })))).toThrow(/early check/);
  });
});
