/**
 * The rehearsal's part in the support register (issue 16 item 4): after session 1, Servicio
 * Civil follows up what the salas asked (a status and a public note per kind of support), so
 * that a second session of the series, created with `nextSessionFromRegister`, opens its
 * "Retomando" with "Lo que pidieron: …; lo que hicimos: …". The register is the workspace's:
 * it takes a signed-in account, so without one the follow-up is skipped and said so.
 */
import type { SupportEntry, SupportStatus } from '../../shared/support-register.ts';
import { authCookie } from './demo-auth.ts';

/** What Servicio Civil did about each kind of support of the seed's question 3. */
const FOLLOW_UP: Readonly<Record<string, { status: SupportStatus; note: string }>> = {
  informacion: { status: 'en-curso', note: 'Boletín mensual con normativa y recursos de salud mental, desde abril' },
  formacion: { status: 'entregado', note: 'Curso de contención emocional para jefaturas, dictado en marzo' },
  sistematizacion: { status: 'en-analisis', note: 'Catálogo de experiencias de los servicios en preparación' },
  redes: { status: 'en-curso', note: 'Primera reunión de la red de encargados(as) de bienestar convocada' },
  otro: { status: 'descartado', note: 'Derivado a la Subsecretaría correspondiente: escapa a nuestras funciones' },
};

/** The fields of POST /api/sessions that start the next session with the register's slide in its Retomando. */
export function nextSessionFromRegister(previousSessionId: string): { fromSessionId: string; retomandoFromRegister: true } {
  return { fromSessionId: previousSessionId, retomandoFromRegister: true };
}

/**
 * Sets the status and note of each entry of the session, by its kind; returns how many were
 * followed up (0 without an account). Throws with the server's answer when it refuses.
 */
export async function followUpSupport(
  url: string,
  authToken: string | null,
  sessionId: string,
  log: (line: string) => void,
): Promise<number> {
  if (!authToken) {
    log('Registro de apoyos: sin cuenta no se puede seguir (se hace en el espacio de trabajo).');
    return 0;
  }
  const listed = await fetch(`${url}/api/support`, { headers: authCookie(authToken) });
  const headers = { ...authCookie(authToken), 'content-type': 'application/json' };
  if (!listed.ok) throw new Error(`GET /api/support respondió ${listed.status}: ${(await listed.text()).slice(0, 300)}`);
  const entries = ((await listed.json()) as SupportEntry[]).filter((entry) => entry.sessionId === sessionId);
  let followed = 0;
  for (const entry of entries) {
    const update = FOLLOW_UP[entry.kind?.id ?? 'otro'];
    if (!update) continue;
    const saved = await fetch(`${url}/api/support/${encodeURIComponent(entry.id)}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(update),
    });
    if (!saved.ok) throw new Error(`PUT /api/support/${entry.id} respondió ${saved.status}: ${(await saved.text()).slice(0, 300)}`);
    followed += 1;
  }
  log(`Registro de apoyos: ${followed} pedido(s) con estado y nota de lo que hicimos.`);
  return followed;
}
