import type { Database } from 'better-sqlite3';
import type { Template } from '../../shared/types.ts';

/** Templates saved from sessions' agendas (the built-in ones are data files). */
export interface TemplateRepository {
  save(template: Template, sourceSessionId: string, at: number): void;
  get(id: string): Template | null;
  list(): Array<{ id: string; title: string }>;
}

export class SqliteTemplateRepository implements TemplateRepository {
  readonly #insert;
  readonly #byId;
  readonly #list;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO saved_templates (id, title, activities, source_session_id, created_at) VALUES (?, ?, ?, ?, ?)');
    this.#byId = db.prepare('SELECT id, title, activities FROM saved_templates WHERE id = ?');
    this.#list = db.prepare('SELECT id, title FROM saved_templates ORDER BY created_at, rowid');
  }

  save(template: Template, sourceSessionId: string, at: number): void {
    this.#insert.run(template.id, template.title, JSON.stringify(template.activities), sourceSessionId, at);
  }

  get(id: string): Template | null {
    const row = this.#byId.get(id) as { id: string; title: string; activities: string } | undefined;
    return row ? { id: row.id, title: row.title, activities: JSON.parse(row.activities) as Template['activities'] } : null;
  }

  list(): Array<{ id: string; title: string }> {
    return this.#list.all() as Array<{ id: string; title: string }>;
  }
}
