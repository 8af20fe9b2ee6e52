import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { serviceWorkerSource } from '../../server/cli/service-worker.ts';

/** Just what the plugin reads of a chunk: its name, whether it is an entry, its modules, imports and stylesheets. */
function chunk(
  fileName: string,
  options: { entry?: boolean; modules?: string[]; imports?: string[]; css?: string[] } = {},
): Rollup.OutputChunk {
  return {
    type: 'chunk',
    fileName,
    isEntry: options.entry ?? false,
    moduleIds: options.modules ?? [],
    imports: options.imports ?? [],
    viteMetadata: { importedCss: new Set(options.css ?? []), importedAssets: new Set() },
  } as unknown as Rollup.OutputChunk;
}

function bundleOf(...chunks: Rollup.OutputChunk[]): Rollup.OutputBundle {
  return Object.fromEntries(chunks.map((c) => [c.fileName, c]));
}

const TEMPLATE = "const BUILD = '__PLENARIO_BUILD__';\nconst SHELL_ASSETS = __PLENARIO_SHELL_ASSETS__;\n";
const shellOf = (source: string) => JSON.parse(/SHELL_ASSETS = (.*);/.exec(source)![1]!) as string[];
const buildOf = (source: string) => /BUILD = '(\w+)'/.exec(source)![1];

describe('the service worker of a build', () => {
  const build = bundleOf(
    chunk('assets/index-a1.js', { entry: true, imports: ['assets/brand-b2.js'], css: ['assets/index-c3.css'] }),
    chunk('assets/brand-b2.js', { imports: ['assets/limits-d4.js'] }),
    chunk('assets/limits-d4.js'),
    chunk('assets/Console-e5.js', { imports: ['assets/brand-b2.js'], css: ['assets/Console-f6.css'] }),
    chunk('assets/Participant-g7.js', {
      // The live view's chunk holds more than the view (server/cli/phone-chunks.ts).
      modules: ['/repo/client/src/components/WaitingCard.svelte', '/repo/client/src/views/Participant.svelte'],
      imports: ['assets/brand-b2.js', 'assets/ChoiceQuestion-h8.js'],
      css: ['assets/Participant-i9.css'],
    }),
    chunk('assets/ChoiceQuestion-h8.js'),
    chunk('assets/sala-parts-j0.js', { modules: ['/repo/client/src/components/sala-parts.ts'] }),
  );

  it("keeps the entry, the participant's view, what they import at once and their stylesheets, not the screens loaded on demand", () => {
    expect(shellOf(serviceWorkerSource(build, TEMPLATE))).toEqual([
      '/assets/ChoiceQuestion-h8.js',
      '/assets/Participant-g7.js',
      '/assets/Participant-i9.css',
      '/assets/brand-b2.js',
      '/assets/index-a1.js',
      '/assets/index-c3.css',
      '/assets/limits-d4.js',
    ]);
  });

  it('names each build apart, and the same build alike', () => {
    const first = buildOf(serviceWorkerSource(build, TEMPLATE));
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    expect(buildOf(serviceWorkerSource(build, TEMPLATE))).toBe(first);
    // Console changed: its file has a new hash.
    const { 'assets/Console-e5.js': _old, ...rest } = build;
    const rebuilt = { ...rest, ...bundleOf(chunk('assets/Console-e7.js')) };
    expect(buildOf(serviceWorkerSource(rebuilt, TEMPLATE))).not.toBe(first);
  });
});
