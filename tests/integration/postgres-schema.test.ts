import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations, DatabaseTooNewError } from '../../server/db/migrate.ts';
import { migratePostgres } from '../../server/db/postgres/migrate.ts';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../server/paths.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

/**
 * The PostgreSQL schema is the SQLite one, written twice: the same migration numbers, and after
 * migrating, the same tables, columns, nullability, keys, foreign keys and named indexes. Types
 * are compared by family (SQLite's INTEGER is PostgreSQL's integer or bigint).
 */

interface Column {
  name: string;
  type: 'integer' | 'text';
  notNull: boolean;
}
interface Table {
  columns: Column[];
  primaryKey: string[];
  foreignKeys: string[];
  unique: string[];
}
type Schema = Record<string, Table>;

/**
 * What cannot be written the same way in both: SQLite compares emails with COLLATE NOCASE on a
 * UNIQUE column, PostgreSQL with a unique index on lower(email) (migrations/postgres/0007). And
 * SQLite's rowid is implicit, where PostgreSQL has none: the tables whose rows are listed by time
 * (ties in the order written) carry it as a column of that name, an identity (migrations/postgres/0020).
 */
const KNOWN_DIFFERENCES = {
  sqliteOnlyUnique: ['accounts(email)'],
  postgresOnlyIndexes: ['accounts_email_nocase'],
  rowidColumns: ['commitments', 'qa_questions', 'saved_templates', 'series', 'session_events', 'sessions', 'support_entries'],
};
const ROWID: Column = { name: 'rowid', type: 'integer', notNull: true };

/** Whether a SQLite table has a rowid (it is not WITHOUT ROWID). */
const hasRowid = (db: Database.Database, table: string) => {
  try {
    db.prepare(`SELECT rowid FROM ${table} LIMIT 0`).all();
    return true;
  } catch {
    return false;
  }
};

function sqliteSchema(db: Database.Database): { tables: Schema; indexes: string[] } {
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  ).map((r) => r.name);
  const tables: Schema = {};
  const indexes: string[] = [];
  for (const table of names) {
    const info = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[];
    const fks = db.pragma(`foreign_key_list(${table})`) as { id: number; table: string; from: string; on_delete: string }[];
    const indexList = db.pragma(`index_list(${table})`) as { name: string; unique: number; origin: string }[];
    const columnsOf = (index: string) => (db.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name).join(',');
    // The implicit rowid, made visible for the tables PostgreSQL gives one as a column.
    const rowid = KNOWN_DIFFERENCES.rowidColumns.includes(table) && hasRowid(db, table) ? [ROWID] : [];
    tables[table] = {
      columns: info
        .map((c) => ({
          name: c.name,
          type: c.type.toUpperCase() === 'INTEGER' ? ('integer' as const) : ('text' as const),
          notNull: c.notnull === 1 || c.pk > 0,
        }))
        .concat(rowid)
        .sort((a, b) => a.name.localeCompare(b.name)),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      foreignKeys: Object.values(
        fks.reduce<Record<number, { table: string; from: string[]; onDelete: string }>>((acc, fk) => {
          (acc[fk.id] ??= { table: fk.table, from: [], onDelete: fk.on_delete }).from.push(fk.from);
          return acc;
        }, {}),
      )
        .map((fk) => `${fk.from.join(',')}->${fk.table} ${fk.onDelete}`)
        .sort(),
      unique: indexList
        .filter((i) => i.origin === 'u')
        .map((i) => `${table}(${columnsOf(i.name)})`)
        .filter((u) => !KNOWN_DIFFERENCES.sqliteOnlyUnique.includes(u))
        .sort(),
    };
    indexes.push(
      ...indexList.filter((i) => i.origin === 'c').map((i) => `${i.name} ${i.unique ? 'unique ' : ''}on ${table}(${columnsOf(i.name)})`),
    );
  }
  return { tables, indexes: indexes.sort() };
}

async function postgresSchema(pool: pg.Pool): Promise<{ tables: Schema; indexes: string[] }> {
  const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const constraints = await pool.query<{
    table_name: string;
    contype: string;
    columns: string[];
    ref_table: string | null;
    on_delete: string;
  }>(`
    SELECT c.conrelid::regclass::text AS table_name, c.contype,
           array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
           c.confrelid::regclass::text AS ref_table, c.confdeltype AS on_delete
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u')`);
  const indexes = await pool.query<{ name: string; table_name: string; unique: boolean; columns: string[] }>(`
    SELECT i.relname AS name, t.relname AS table_name, x.indisunique AS unique,
           array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`);
  const onDelete: Record<string, string> = { a: 'NO ACTION', c: 'CASCADE', n: 'SET NULL', r: 'RESTRICT', d: 'SET DEFAULT' };

  const tables: Schema = {};
  for (const c of columns.rows) {
    (tables[c.table_name] ??= { columns: [], primaryKey: [], foreignKeys: [], unique: [] }).columns.push({
      name: c.column_name,
      type: c.data_type === 'text' ? 'text' : 'integer',
      notNull: c.is_nullable === 'NO',
    });
  }
  for (const table of Object.values(tables)) table.columns.sort((a, b) => a.name.localeCompare(b.name));
  for (const c of constraints.rows) {
    const table = tables[c.table_name]!;
    if (c.contype === 'p') table.primaryKey = c.columns;
    if (c.contype === 'f') table.foreignKeys.push(`${c.columns.join(',')}->${c.ref_table} ${onDelete[c.on_delete]}`);
    if (c.contype === 'u') table.unique.push(`${c.table_name}(${c.columns.join(',')})`);
  }
  for (const table of Object.values(tables)) {
    table.foreignKeys.sort();
    table.unique.sort();
  }
  return {
    tables,
    indexes: indexes.rows
      .filter((i) => !KNOWN_DIFFERENCES.postgresOnlyIndexes.includes(i.name))
      .map((i) => `${i.name} ${i.unique ? 'unique ' : ''}on ${i.table_name}(${i.columns.join(',')})`)
      .sort(),
  };
}

describe('the PostgreSQL schema', () => {
  let server: PostgresServer;
  let database = 0;
  /** A fresh, empty database of the private cluster. */
  async function emptyDatabase(): Promise<string> {
    const name = `t${++database}`;
    const admin = new pg.Pool({ connectionString: server.url });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return server.urlFor(name);
  }

  beforeAll(async () => {
    server = await startPostgres({ fsync: false });
  }, 120_000);
  afterAll(async () => server?.stop());

  it('has a twin of every SQLite migration, with the same number', () => {
    const sqlite = readMigrations(MIGRATIONS_DIR).map((m) => m.version);
    const postgres = readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version);
    expect(postgres).toEqual(sqlite);
  });

  it('holds the same tables, columns, keys and indexes as SQLite once migrated', async () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, readMigrations(MIGRATIONS_DIR));
    const pool = new pg.Pool({ connectionString: await emptyDatabase() });
    try {
      await migratePostgres(pool, readMigrations(POSTGRES_MIGRATIONS_DIR));
      const expected = sqliteSchema(sqlite);
      const actual = await postgresSchema(pool);
      expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
      for (const table of Object.keys(expected.tables))
        expect({ table, ...actual.tables[table] }).toEqual({ table, ...expected.tables[table] });
      expect(actual.indexes).toEqual(expected.indexes);
      // PostgreSQL numbers the rowid columns as rows are inserted, and no insert can set them.
      const { rows } = await pool.query<{ table_name: string; identity: string }>(
        `SELECT table_name, identity_generation AS identity FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'rowid' AND is_identity = 'YES' ORDER BY table_name`,
      );
      expect(rows).toEqual(KNOWN_DIFFERENCES.rowidColumns.map((table_name) => ({ table_name, identity: 'ALWAYS' })));
    } finally {
      sqlite.close();
      await pool.end();
    }
  });

  it('is migrated once when three nodes start together on an empty database', async () => {
    const url = await emptyDatabase();
    const migrations = readMigrations(POSTGRES_MIGRATIONS_DIR);
    const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: url }));
    try {
      const applied = await Promise.all(pools.map((pool) => migratePostgres(pool, migrations)));
      expect(applied.map((versions) => versions.length).sort()).toEqual([0, 0, migrations.length]);
      const { rows } = await pools[0]!.query<{ n: string }>('SELECT COUNT(*) AS n FROM schema_migrations');
      expect(Number(rows[0]!.n)).toBe(migrations.length);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('refuses a database newer than the code, changing nothing', async () => {
    const pool = new pg.Pool({ connectionString: await emptyDatabase() });
    try {
      const migrations = readMigrations(POSTGRES_MIGRATIONS_DIR);
      await migratePostgres(pool, migrations);
      await expect(migratePostgres(pool, migrations.slice(0, -1))).rejects.toBeInstanceOf(DatabaseTooNewError);
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM schema_migrations');
      expect(Number(rows[0]!.n)).toBe(migrations.length);
    } finally {
      await pool.end();
    }
  });
});
