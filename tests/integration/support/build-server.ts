import { ensureServerBuilt } from '../../../server/cli/build.ts';

/**
 * Vitest global setup: builds the server bundle once, before any test file runs, so the tests
 * that start the server as its own process run what `npm start` runs.
 */
export default async function setup(): Promise<void> {
  await ensureServerBuilt();
}
