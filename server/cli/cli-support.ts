import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BackupKeyError } from '../backup/encryption.ts';
import { ServerRunningError } from '../backup/restore.ts';
import { BackupCheckError } from '../backup/snapshot.ts';
import { ConfigError } from '../config.ts';
import { DatabaseTooNewError } from '../db/migrate.ts';

/** A mistake in how the tool was called: its message is printed alone. */
export class UsageError extends Error {}

/** Parses the command line strictly (with -h/--help); null when help was asked for and printed. */
export function cliArgs(
  usage: string,
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | null {
  try {
    const { values, positionals } = parseArgs({
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
    if (values.help) {
      console.log(usage);
      return null;
    }
    return { values, positionals };
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
}

const EXPECTED = [UsageError, ConfigError, DatabaseTooNewError, BackupKeyError, BackupCheckError, ServerRunningError];

/** Runs a tool's main; an expected failure prints `failure: message`, anything else its stack; both exit 1. */
export function runCliMain(main: () => Promise<void>, failure: string): void {
  main().catch((error: unknown) => {
    if (EXPECTED.some((kind) => error instanceof kind)) console.error(`${failure}: ${(error as Error).message}`);
    else console.error(`${failure}:`, error);
    process.exitCode = 1;
  });
}
