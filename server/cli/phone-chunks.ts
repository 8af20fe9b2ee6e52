/**
 * Fewer, larger files for the phone (issue 20). On a slow link every file costs its headers
 * (~850 bytes over HTTP/1.1) and, six at a time per host, a wait for a free connection; left to
 * itself, rolldown splits what a phone loads into ~30 files, one per set of screens sharing them.
 * This groups them into three, in the order the page needs them:
 * - `early-check`: the early script and all it imports (the code check, the socket);
 * - `index`: the page's entry and all it imports that the early script does not (Svelte's
 *   runtime, the dictionary, the join page, the participant's session);
 * - `Participant`: the live view and all it imports that the app does not (the common question
 *   kinds; the others load on demand, client/src/lib/phone-parts.svelte.ts).
 * Each group is a static import closure less the groups before it, so a group's chunk imports
 * only earlier groups' chunks: no cycle, no module twice. Other screens import what they share
 * from these chunks (the console's preview of a choice comes from the live view's chunk).
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** What the grouping reads of the module graph (rolldown's chunking context). */
export interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

const path = (relative: string) => fileURLToPath(new URL(`../../client/${relative}`, import.meta.url));

/** The groups' roots, in load order: each group takes what its root imports that no earlier group took. */
export const PHONE_GROUPS = [
  { name: 'early-check', root: path('src/early-check.ts') },
  { name: 'index', root: path('index.html') },
  { name: 'Participant', root: path('src/views/Participant.svelte') },
] as const;

/** The modules root imports statically, directly or not, itself included. */
function closure(graph: ModuleGraph, root: string): Set<string> {
  const found = new Set<string>();
  const stack = [root];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return found;
}

/** The group of a module (null: rolldown's own chunking), computed once per graph. */
export function phoneGroupOf(
  roots: readonly { name: string; root: string }[] = PHONE_GROUPS,
): (id: string, graph: ModuleGraph) => string | null {
  const closures = new WeakMap<ModuleGraph, { name: string; modules: Set<string> }[]>();
  return (id, graph) => {
    let groups = closures.get(graph);
    if (!groups) {
      groups = roots.map(({ name, root }) => ({ name, modules: closure(graph, root) }));
      closures.set(graph, groups);
    }
    return groups.find((group) => group.modules.has(id))?.name ?? null;
  };
}

export function phoneChunks(): Plugin {
  return {
    name: 'plenario-phone-chunks',
    apply: 'build',
    config: () => ({
      build: {
        rolldownOptions: {
          output: {
            // Each group is a whole closure already: a captured module's imports are not to be pulled in again.
            codeSplitting: { groups: [{ name: phoneGroupOf(), includeDependenciesRecursively: false }] },
          },
        },
      },
    }),
  };
}
