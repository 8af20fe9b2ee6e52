import type { Config } from './config.ts';

/**
 * The line a person who started the server at a terminal looks for, among the JSON log lines:
 * where to open Plenario (the public address when set) and where its data is.
 */
export function startupLine(config: Pick<Config, 'publicUrl' | 'dataDir' | 'theme'>, address: string): string {
  const name = config.theme.name === 'Plenario' ? 'Plenario' : `Plenario (${config.theme.name})`;
  return `${name} escuchando en ${config.publicUrl ?? address} · datos en ${config.dataDir}`;
}

/** Writes the line as plain text when the output is a terminal; a service's log keeps its JSON only. */
export function announce(line: string, output: { isTTY?: boolean; write(text: string): unknown }): void {
  if (output.isTTY) output.write(`\n  ${line}\n\n`);
}
