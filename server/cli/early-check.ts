/**
 * The page's early script (client/src/early-check.ts): a second entry of the build, placed
 * before the app's script in index.html so that the browser runs it as soon as it has arrived,
 * without waiting for the app's code (module scripts run in document order, each once its own
 * imports are in). It starts a join link's code check (issue 20).
 */
import { fileURLToPath } from 'node:url';
import type { Plugin, Rollup } from 'vite';

const ENTRY = 'early-check';
const PAGE = fileURLToPath(new URL('../../client/index.html', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../client/src/early-check.ts', import.meta.url));

/** The early script's tag and a preload for every file it imports, for the page's head. */
export function earlyTags(bundle: Rollup.OutputBundle): string {
  const entry = Object.values(bundle).find((output) => output.type === 'chunk' && output.isEntry && output.name === ENTRY);
  if (!entry || entry.type !== 'chunk') throw new Error('The early check script is missing from the build.');
  // All of them at once, not each after the file that imports it has arrived.
  const imports = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (imports.has(fileName) || chunk?.type !== 'chunk') return;
    imports.add(fileName);
    chunk.imports.forEach(visit);
  };
  entry.imports.forEach(visit);
  const preloads = [...imports].map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`);
  return [`<script type="module" crossorigin src="/${entry.fileName}"></script>`, ...preloads].join('\n    ');
}

export function earlyCheck(): Plugin {
  return {
    name: 'plenario-early-check',
    apply: 'build',
    config: () => ({ build: { rolldownOptions: { input: { index: PAGE, [ENTRY]: SOURCE } } } }),
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle) return html;
        // First among the page's scripts: it runs before the app's, as soon as it is in.
        return html.replace(/(\s*)<script type="module"/, `$1${earlyTags(context.bundle)}$1<script type="module"`);
      },
    },
  };
}
