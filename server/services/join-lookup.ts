import type { JoinProof } from '../domain/join-guesses.ts';

/**
 * Reads from storage what a join check needs (the session behind a code, or why there is none;
 * and what the client showed), so that `JoinGuesses.check`, a synchronous rule, gets it as
 * plain functions: `find` returns the target or throws what the lookup threw.
 */
export async function lookUpJoin<T extends { sessionId: string }>(
  find: () => Promise<T>,
  proof: (found: T) => Promise<JoinProof>,
): Promise<{ find: () => T; proof: () => JoinProof }> {
  let found: T;
  try {
    found = await find();
  } catch (error) {
    return {
      find: () => {
        throw error;
      },
      proof: () => 'typed',
    };
  }
  const shown = await proof(found);
  return { find: () => found, proof: () => shown };
}
