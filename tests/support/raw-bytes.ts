import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads a folder's files byte by byte, as someone with the disk would: for the tests that
 * removed data is gone from the database files and not only from its tables.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    // Only directories and regular files: PostgreSQL's data directory holds its UNIX socket too.
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

/** Each text found, as "text in file" (relative to dir); an empty list when none is left anywhere. Texts are searched in UTF-8, as SQLite stores them here. */
export function foundIn(dir: string, texts: readonly string[]): string[] {
  const files = filesUnder(dir).map((path) => ({ name: relative(dir, path), bytes: readFileSync(path) }));
  return texts.flatMap((text) => {
    const needle = Buffer.from(text, 'utf8');
    return files.filter((file) => file.bytes.includes(needle)).map((file) => `${text} in ${file.name}`);
  });
}

/** The texts in no file under dir. */
export function missingFrom(dir: string, texts: readonly string[]): string[] {
  const found = foundIn(dir, texts);
  return texts.filter((text) => !found.some((hit) => hit.startsWith(`${text} in `)));
}
