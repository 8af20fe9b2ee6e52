/**
 * The phone's own Spanish dictionary (issue 20). es-CL.ts holds every message, the facilitator's
 * and the reports' included: two thirds of it a phone never shows, yet it came in the page's first
 * download. In a build, client/src/lib/phone-messages.ts becomes the messages the phone's code
 * names, read from its source: every key written as a string ('notice.accept') and every key
 * under a prefix written before a placeholder (`kind.${kind}`). The strings stay in es-CL.ts,
 * their one source; the screens that need the rest load it whole (client/src/lib/i18n.svelte.ts).
 *
 * The phone's code: what the page's entries import, then what the live view and its parts load
 * on demand (the dynamic imports of lazy-views.ts and phone-parts.svelte.ts; not those of
 * App.svelte, the other screens). Type-only imports and the dictionaries are not read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { esCL } from '../../shared/i18n/es-CL.ts';
import type { MessageKey, Messages } from '../../shared/i18n/messages.ts';

const client = (relative: string) => fileURLToPath(new URL(`../../client/src/${relative}`, import.meta.url));

export const PHONE_CODE = {
  roots: [client('early-check.ts'), client('main.ts')],
  /** The files whose dynamic imports are the phone's too. */
  loaders: [client('lib/lazy-views.ts'), client('lib/phone-parts.svelte.ts')],
};
const MODULE = client('lib/phone-messages.ts');
const DICTIONARIES = `${fileURLToPath(new URL('../../shared/i18n/', import.meta.url))}`;

const STATIC_IMPORT = /(?:^|[;\s])(?:import|export)(?!\s+type\b)\s[^'";]*?\sfrom\s*['"](\.[^'"]+)['"]/g;
const BARE_IMPORT = /(?:^|[;\s])import\s*['"](\.[^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** The source files the phone's code is made of, from its roots. */
export function phoneSources(code: typeof PHONE_CODE = PHONE_CODE): Set<string> {
  const found = new Set<string>();
  const stack = [...code.roots, ...code.loaders];
  for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
    if (found.has(file) || !existsSync(file)) continue;
    found.add(file);
    const source = readFileSync(file, 'utf8');
    const patterns = code.loaders.includes(file) ? [STATIC_IMPORT, BARE_IMPORT, DYNAMIC_IMPORT] : [STATIC_IMPORT, BARE_IMPORT];
    for (const pattern of patterns) for (const [, path] of source.matchAll(pattern)) stack.push(resolve(dirname(file), path!));
  }
  return found;
}

/** The keys of dictionary that these sources name, in the dictionary's order. */
export function keysNamedIn(sources: Iterable<string>, dictionary: Messages = esCL): MessageKey[] {
  const named = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sources) {
    if (file.startsWith(DICTIONARIES)) continue;
    const source = readFileSync(file, 'utf8');
    for (const [, key] of source.matchAll(/['"]([a-zA-Z]\w*\.[\w.]+)['"]/g)) named.add(key!);
    for (const [, prefix] of source.matchAll(/`([a-zA-Z]\w*\.[\w.]*)\$\{/g)) prefixes.add(prefix!);
  }
  return (Object.keys(dictionary) as MessageKey[]).filter(
    (key) => named.has(key) || [...prefixes].some((prefix) => key.startsWith(prefix)),
  );
}

/** The phone's messages as the module's source. */
export function phoneMessagesSource(keys: readonly MessageKey[], dictionary: Messages = esCL): string {
  const messages = Object.fromEntries(keys.map((key) => [key, dictionary[key]]));
  return `export const phoneMessages = ${JSON.stringify(messages)};\n`;
}

export function phoneMessages(): Plugin {
  return {
    name: 'plenario-phone-messages',
    apply: 'build',
    transform(_code, id) {
      if (id !== MODULE) return null;
      return { code: phoneMessagesSource(keysNamedIn(phoneSources())), map: null };
    },
  };
}
