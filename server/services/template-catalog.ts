import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Compile } from 'typebox/compile';
import { TemplateSchema } from '../../shared/schemas.ts';
import { nanoid } from 'nanoid';
import type { Activity, ActivityDraft, Template, TemplateSummary } from '../../shared/types.ts';
import type { Async } from '../db/async.ts';
import type { TemplateRepository } from '../db/template-repository.ts';
import { TEMPLATES_DIR } from '../paths.ts';

/**
 * Templates: the built-in ones, shipped as JSON data files and checked against the schema at
 * start-up, and those saved from sessions (when a repository is given).
 */
export class TemplateCatalog {
  readonly #templates = new Map<string, Template>();

  constructor(
    dir: string = TEMPLATES_DIR,
    private readonly saved: Async<Pick<TemplateRepository, 'get' | 'list' | 'save'>> | null = null,
  ) {
    const check = Compile(TemplateSchema);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (error) {
        throw new Error(`Template ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (!check.Check(data)) {
        const first = [...check.Errors(data)][0];
        throw new Error(`Template ${file} is invalid at ${first?.instancePath || '/'}: ${first?.message ?? 'unknown error'}`);
      }
      this.#templates.set(data.id, data);
    }
  }

  async get(id: string): Promise<Template | undefined> {
    return this.#templates.get(id) ?? (await this.saved?.get(id)) ?? undefined;
  }

  /** Built-in templates first, then saved ones, oldest first. */
  async list(): Promise<TemplateSummary[]> {
    const builtIn = [...this.#templates.values()].map((t) => ({ id: t.id, title: t.title, builtIn: true }));
    return [...builtIn, ...((await this.saved?.list()) ?? []).map((t) => ({ ...t, builtIn: false }))];
  }

  /** Saves an agenda as a template of its own (ids of activities left out). */
  async saveFrom(title: string, activities: readonly Activity[], sourceSessionId: string, at: number): Promise<TemplateSummary> {
    if (!this.saved) throw new Error('No storage for saved templates');
    const template: Template = {
      id: `t-${nanoid(12)}`,
      title,
      activities: activities.map(({ id: _id, ...draft }) => draft as ActivityDraft),
    };
    await this.saved.save(template, sourceSessionId, at);
    return { id: template.id, title, builtIn: false };
  }
}
