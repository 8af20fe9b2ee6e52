/**
 * The rehearsal's experience cards (`npm run demo`): each sala's secretary tells the sala's
 * experience from the synthesis, and at an `experience` activity some participants tell their
 * own. The cards take the voice of the agency case in the seeds (IPS, "Plan IPS Conversa,
 * Contiene y Cobija"), with reach figures and lessons as agencies bring them.
 */
import { nanoid } from 'nanoid';
import type { ExperienceCardInput, ExperienceSavePayload } from '../../shared/experience.ts';

const CARDS: readonly ExperienceCardInput[] = [
  {
    agency: 'Instituto de Previsión Social',
    name: 'Plan IPS Conversa, Contiene y Cobija',
    axes: ['liderazgo', 'promocion', 'servicios'],
    approach: 'both',
    reach: { count: 1332, unit: 'personas' },
    since: { year: 2021, month: 3 },
    lesson: 'Las jefaturas contienen mejor cuando antes conversaron entre ellas: 126 jefaturas formadas primero.',
    contact: { optIn: true, unit: 'Subdepartamento de Calidad de Vida', email: 'calidaddevida@ips.gob.cl' },
  },
  {
    agency: 'Servicio de Registro Civil e Identificación',
    name: 'Pausas de cuidado en atención de público',
    axes: ['promocion'],
    approach: 'preventive',
    reach: { count: 392, unit: 'instancias' },
    since: { year: 2022, month: null },
    lesson: 'Diez minutos protegidos en la agenda valen más que un taller al año.',
    contact: { optIn: false },
  },
  {
    agency: 'Servicio de Impuestos Internos',
    name: 'Protocolo de contención tras episodios de violencia externa',
    axes: ['servicios', 'normativo'],
    approach: 'reactive',
    reach: { count: 48, unit: 'oficinas' },
    since: { year: 2023, month: 8 },
    lesson: 'Un protocolo escrito da tranquilidad, pero lo que sostiene es que alguien llame al día siguiente.',
    contact: { optIn: true, unit: 'Departamento de Bienestar', email: 'bienestar@sii.cl' },
  },
  {
    agency: 'Dirección del Trabajo',
    name: 'Registro de licencias por salud mental para decidir con datos',
    axes: ['informacion', 'liderazgo'],
    approach: 'both',
    reach: null,
    since: { year: 2024, month: 1 },
    lesson: null,
    contact: { optIn: false },
  },
];

/** The card a writer tells: the seeds' agencies in turn, the writer's own agency when they said one. */
export function demoCard(index: number, agency: string | null): ExperienceCardInput {
  const card = CARDS[index % CARDS.length]!;
  return agency ? { ...card, agency } : card;
}

/** Saves one card per writer (`save` emits `experience:save` and throws on a refusal); returns how many. */
export async function tellExperiences(
  activityId: string,
  writers: ReadonlyArray<{ salaId?: string; agency: string | null; save: (payload: ExperienceSavePayload) => Promise<unknown> }>,
): Promise<number> {
  for (const [index, writer] of writers.entries()) {
    await writer.save({
      activityId,
      cardId: nanoid(),
      ...(writer.salaId ? { salaId: writer.salaId } : {}),
      card: demoCard(index, writer.agency),
    });
  }
  return writers.length;
}
