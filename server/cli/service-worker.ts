/**
 * Writes the participant pages' service worker (client/sw.js) into the build as /sw.js, with
 * this build's version and the files a participant's page loads at once (see client/sw.js).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin, Rollup } from 'vite';

const TEMPLATE = new URL('../../client/sw.js', import.meta.url);
/** The participant's live view, a chunk loaded on demand that every phone needs (client/src/lib/lazy-views.ts). */
const PHONE_VIEW = 'client/src/views/Participant.svelte';

/**
 * The entry chunk, the participant's live view, the chunks they import statically, and their
 * stylesheets: what a phone's page needs to show its question.
 */
function shellAssets(bundle: Rollup.OutputBundle): string[] {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (!chunk || chunk.type !== 'chunk' || files.has(`/${fileName}`)) return;
    files.add(`/${fileName}`);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
    for (const imported of chunk.imports) visit(imported);
  };
  // The live view's chunk holds more than the view (server/cli/phone-chunks.ts): found by its modules.
  const isShell = (chunk: Rollup.OutputChunk) => chunk.isEntry || chunk.moduleIds.some((id) => id.endsWith(PHONE_VIEW));
  for (const [fileName, output] of Object.entries(bundle)) if (output.type === 'chunk' && isShell(output)) visit(fileName);
  return [...files].sort();
}

/** The service worker's source for this bundle: the template with its version and shell filled in. */
export function serviceWorkerSource(bundle: Rollup.OutputBundle, template = readFileSync(TEMPLATE, 'utf8')): string {
  // Every output's name carries its content's hash: together they name this build.
  const build = createHash('sha256').update(template).update(Object.keys(bundle).sort().join('\n')).digest('hex').slice(0, 12);
  return template.replace('__PLENARIO_BUILD__', build).replace('__PLENARIO_SHELL_ASSETS__', JSON.stringify(shellAssets(bundle)));
}

export function serviceWorker(): Plugin {
  return {
    name: 'plenario-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(bundle) });
    },
  };
}
