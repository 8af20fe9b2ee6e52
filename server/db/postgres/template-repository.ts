import type { Template } from '../../../shared/types.ts';
import type { Async } from '../async.ts';
import type { TemplateRepository } from '../template-repository.ts';
import type { Queryable } from './queryable.ts';

/** TemplateRepository on PostgreSQL. */
export class PgTemplateRepository implements Async<TemplateRepository> {
  constructor(private readonly db: Queryable) {}

  async save(template: Template, sourceSessionId: string, at: number): Promise<void> {
    await this.db.query('INSERT INTO saved_templates (id, title, activities, source_session_id, created_at) VALUES ($1, $2, $3, $4, $5)', [
      template.id,
      template.title,
      JSON.stringify(template.activities),
      sourceSessionId,
      at,
    ]);
  }

  async get(id: string): Promise<Template | null> {
    const { rows } = await this.db.query<{ id: string; title: string; activities: string }>(
      'SELECT id, title, activities FROM saved_templates WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, title: row.title, activities: JSON.parse(row.activities) as Template['activities'] } : null;
  }

  async list(): Promise<Array<{ id: string; title: string }>> {
    const { rows } = await this.db.query<{ id: string; title: string }>('SELECT id, title FROM saved_templates ORDER BY created_at, rowid');
    return rows;
  }
}
