import { runCli, type CliRun } from './process.ts';

/** Runs the rehearsal CLI as `npm run demo` would, and collects its output and exit code. */
export function runDemo(args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli('server/cli/demo.ts', args, { timeoutMs, env: { ...process.env, ...env } });
}
