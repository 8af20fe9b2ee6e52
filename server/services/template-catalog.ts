import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Compile } from 'typebox/compile';
import { TemplateSchema } from '../../shared/schemas.ts';
import type { Template, TemplateSummary } from '../../shared/types.ts';

export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** Built-in templates, shipped as JSON data files and checked against the schema at start-up. */
export class TemplateCatalog {
  readonly #templates = new Map<string, Template>();

  constructor(dir: string = TEMPLATES_DIR) {
    const check = Compile(TemplateSchema);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (error) {
        throw new Error(`Template ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!check.Check(data)) {
        const first = [...check.Errors(data)][0];
        throw new Error(`Template ${file} is invalid at ${first?.instancePath || '/'}: ${first?.message ?? 'unknown error'}`);
      }
      this.#templates.set(data.id, data);
    }
  }

  get(id: string): Template | undefined {
    return this.#templates.get(id);
  }

  list(): TemplateSummary[] {
    return [...this.#templates.values()].map((t) => ({ id: t.id, title: t.title }));
  }
}
