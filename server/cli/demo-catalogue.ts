/**
 * The rehearsal's look at the experience catalogue (issue 16 item 3): after session 1, the
 * workspace's catalogue lists the cards its people and salas told. It takes a signed-in account,
 * so without one it is skipped and said so.
 */
import type { CatalogueList } from '../../shared/experience-catalogue.ts';
import { authCookie } from './demo-auth.ts';

/** How many of the session's cards the catalogue lists (0 without an account). Throws with the server's answer when it refuses. */
export async function catalogueCards(
  url: string,
  authToken: string | null,
  sessionId: string,
  log: (line: string) => void,
): Promise<number> {
  if (!authToken) {
    log('Catálogo de experiencias: sin cuenta no se puede ver (está en el espacio de trabajo).');
    return 0;
  }
  const listed = await fetch(`${url}/api/experiences`, { headers: authCookie(authToken) });
  if (!listed.ok) throw new Error(`GET /api/experiences respondió ${listed.status}: ${(await listed.text()).slice(0, 300)}`);
  const count = ((await listed.json()) as CatalogueList).cards.filter((card) => card.sessionId === sessionId).length;
  log(`Catálogo de experiencias: ${count} experiencia(s) de la sesión, en ${url}/experiences.`);
  return count;
}
