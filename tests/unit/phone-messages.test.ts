import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keysNamedIn, phoneMessagesSource, phoneSources } from '../../server/cli/phone-messages.ts';
import { esCL } from '../../shared/i18n/es-CL.ts';
import type { Messages } from '../../shared/i18n/messages.ts';

const dir = mkdtempSync(join(os.tmpdir(), 'plenario-phone-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(contents: Record<string, string>): (name: string) => string {
  for (const [name, text] of Object.entries(contents)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return (name) => join(dir, name);
}

// A dictionary of the test's own: its keys are what the sources may name.
const dictionary = {
  'notice.accept': 'Entendido, entrar',
  'kind.choice': 'Selección única',
  'kind.rating': 'Escala',
  'open.add': 'Agregar',
  'console.title': 'Panel',
  'audit.title': 'Registro',
} as unknown as Messages;

describe("the phone's own messages (server/cli/phone-messages.ts)", () => {
  const at = files({
    'main.ts': "import App from './App.svelte';\nimport type { Only } from './types-only.ts';\nimport './styles.ts';\n",
    'App.svelte':
      "<script lang=\"ts\">\n  import { t } from './i18n.ts';\n  const console = () => import('./Console.svelte');\n</script>\n<p>{t('notice.accept')}</p>\n",
    'styles.ts': 'export const kind = (k: string) => `kind.${k}`;\n',
    'types-only.ts': "export type Only = 'audit.title';\n",
    'Console.svelte': "<p>{t('console.title')}</p>\n",
    'loader.ts': "export const open = () => import('./OpenPart.svelte');\n",
    'OpenPart.svelte': '<script lang="ts">\n  import {\n    t,\n  } from \'./i18n.ts\';\n</script>\n<button>{t("open.add")}</button>\n',
    'i18n.ts': 'export const t = (key: string) => key;\n',
  });
  const code = { roots: [at('main.ts')], loaders: [at('loader.ts')] };

  it("reads the page's code and what the phone's loaders load, not type-only imports nor other screens loaded on demand", () => {
    expect([...phoneSources(code)].sort()).toEqual(
      ['App.svelte', 'OpenPart.svelte', 'i18n.ts', 'loader.ts', 'main.ts', 'styles.ts'].map(at).sort(),
    );
  });

  it('keeps the keys written whole and those under a prefix written before a placeholder, in the dictionary’s order', () => {
    expect(keysNamedIn(phoneSources(code), dictionary)).toEqual(['notice.accept', 'kind.choice', 'kind.rating', 'open.add']);
  });

  it('writes them as a module of their own', () => {
    const source = phoneMessagesSource(['notice.accept', 'open.add'], dictionary);
    expect(source).toBe('export const phoneMessages = {"notice.accept":"Entendido, entrar","open.add":"Agregar"};\n');
  });

  it("holds, from the real code, what the join page and the live view say, not the facilitator's or the reports' words", () => {
    const keys = new Set(keysNamedIn(phoneSources()));
    for (const key of ['notice.accept', 'participant.waitingTitle', 'error.SESSION_NOT_FOUND', 'open.add', 'qa.openAllSession'])
      expect(keys.has(key as keyof typeof esCL), key).toBe(true);
    for (const key of ['audit.title', 'report.title', 'console.title'].filter((k) => k in esCL))
      expect(keys.has(key as keyof typeof esCL), key).toBe(false);
    // About a third of the dictionary.
    expect(keys.size).toBeLessThan(Object.keys(esCL).length / 2);
  });
});
