import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { ErrorBody } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  AGENDA_FORMAT,
  AGENDA_VERSION,
  BreakoutActivitySchema,
  ChoiceActivitySchema,
  CommitmentActivitySchema,
  ContentActivitySchema,
  OpenActivitySchema,
  PointsActivitySchema,
  RankingActivitySchema,
  RatingActivitySchema,
  SynthesisActivitySchema,
  QaActivitySchema,
  ExperienceActivitySchema,
} from '../../shared/schemas.ts';
import type { Activity, ActivityKind, AgendaDocument } from '../../shared/types.ts';

export type Problem = NonNullable<ErrorBody['details']>[number];

const strict = { additionalProperties: false } as const;
/** Each kind checked on its own, ids aside (they are made anew on import). */
const VALIDATORS: Record<ActivityKind, ReturnType<typeof Compile>> = {
  content: Compile(Type.Omit(ContentActivitySchema, ['id'], strict)),
  choice: Compile(Type.Omit(ChoiceActivitySchema, ['id'], strict)),
  rating: Compile(Type.Omit(RatingActivitySchema, ['id'], strict)),
  ranking: Compile(Type.Omit(RankingActivitySchema, ['id'], strict)),
  points: Compile(Type.Omit(PointsActivitySchema, ['id'], strict)),
  open: Compile(Type.Omit(OpenActivitySchema, ['id'], strict)),
  breakout: Compile(Type.Omit(BreakoutActivitySchema, ['id'], strict)),
  synthesis: Compile(Type.Omit(SynthesisActivitySchema, ['id'], strict)),
  commitment: Compile(Type.Omit(CommitmentActivitySchema, ['id'], strict)),
  qa: Compile(Type.Omit(QaActivitySchema, ['id'], strict)),
  experience: Compile(Type.Omit(ExperienceActivitySchema, ['id'], strict)),
};

/** An agenda as JSON to export: every activity, ids included (importing makes new ones). */
export function toAgendaDocument(title: string, agenda: readonly Activity[]): AgendaDocument {
  return { format: AGENDA_FORMAT, version: AGENDA_VERSION, title, activities: [...agenda] };
}

/**
 * Checks an imported agenda and reports every problem with its JSON path (under `base`), one
 * entry per place, in Spanish. On success, the activities with fresh ids.
 */
export function parseAgendaDocument(
  input: unknown,
  newId: () => string,
  base = '',
): { ok: true; activities: Activity[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (path: string, message: string) => problems.push({ path: `${base}${path}`, message });
  if (!isRecord(input)) return { ok: false, problems: [{ path: base || '/', message: 'La agenda debe ser un objeto JSON.' }] };
  for (const key of Object.keys(input)) {
    if (!['format', 'version', 'title', 'activities'].includes(key)) at(`/${key}`, 'Campo desconocido.');
  }
  if (input.format !== AGENDA_FORMAT) at('/format', `Debe ser "${AGENDA_FORMAT}".`);
  if (input.version !== AGENDA_VERSION) at('/version', `Esta versión de Plenario lee la versión ${AGENDA_VERSION} del formato.`);
  if (input.title !== undefined && (typeof input.title !== 'string' || input.title.length > LIMITS.sessionTitleMax)) {
    at('/title', `Debe ser un texto de hasta ${LIMITS.sessionTitleMax} caracteres.`);
  }
  if (!Array.isArray(input.activities)) {
    at('/activities', 'Debe ser una lista de actividades.');
    return { ok: false, problems };
  }
  if (input.activities.length > LIMITS.activitiesMax)
    at('/activities', `Una agenda tiene como máximo ${LIMITS.activitiesMax} actividades.`);

  const activities: Activity[] = [];
  let breakoutSeen = false;
  input.activities.forEach((raw: unknown, i) => {
    const path = `/activities/${i}`;
    if (!isRecord(raw)) return at(path, 'Cada actividad debe ser un objeto.');
    const kind = raw.kind;
    if (typeof kind !== 'string' || !(kind in VALIDATORS))
      return at(`${path}/kind`, `Tipo desconocido; los tipos son: ${Object.keys(VALIDATORS).join(', ')}.`);
    const { id: _ignored, ...body } = raw;
    const before = problems.length;
    for (const problem of schemaProblems(VALIDATORS[kind as ActivityKind], body)) at(`${path}${problem.path}`, problem.message);
    crossChecks(kind as ActivityKind, body, breakoutSeen).forEach((p) => at(`${path}${p.path}`, p.message));
    if (kind === 'breakout') breakoutSeen = true;
    if (problems.length === before) activities.push({ ...body, id: newId() } as Activity);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, activities };
}

/** Rules a schema cannot say: ids unique within an activity, a synthesis after a breakout. */
function crossChecks(kind: ActivityKind, body: Record<string, unknown>, breakoutSeen: boolean): Problem[] {
  const problems: Problem[] = [];
  const unique = (list: unknown, field: string) => {
    if (!Array.isArray(list)) return;
    const seen = new Set<unknown>();
    list.forEach((entry: unknown, j) => {
      const id = isRecord(entry) ? entry.id : undefined;
      if (seen.has(id)) problems.push({ path: `/${field}/${j}/id`, message: `El id «${String(id)}» se repite.` });
      seen.add(id);
    });
  };
  if (kind === 'choice') unique(body.options, 'options');
  if (kind === 'rating' || kind === 'ranking' || kind === 'points') unique(body.items, 'items');
  if (kind === 'ranking' && Array.isArray(body.items) && typeof body.rankTop === 'number' && body.rankTop > body.items.length)
    problems.push({ path: '/rankTop', message: `No puede ser mayor que el número de ítems (${body.items.length}).` });
  if (kind === 'breakout') unique(body.questions, 'questions');
  if (kind === 'synthesis' && !breakoutSeen)
    problems.push({ path: '/kind', message: 'Una síntesis va después de una actividad de salas.' });
  return problems;
}

/** Schema errors as one problem per place, described in Spanish. */
function schemaProblems(validator: ReturnType<typeof Compile>, value: unknown): Problem[] {
  const byPath = new Map<string, string>();
  for (const error of validator.Errors(value)) {
    if (error.keyword === 'additionalProperties') continue; // reported at the field itself
    const path = error.instancePath;
    if (!byPath.has(path)) byPath.set(path, describe(error.keyword, error.params as Record<string, unknown>));
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

function describe(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required':
      return `Falta el campo «${String((params.requiredProperties as string[] | undefined)?.join(', ') ?? '')}».`;
    case 'minLength':
      return params.limit === 1 ? 'No puede estar vacío.' : `Debe tener al menos ${String(params.limit)} caracteres.`;
    case 'maxLength':
      return `Debe tener como máximo ${String(params.limit)} caracteres.`;
    case 'minItems':
      return `Debe tener al menos ${String(params.limit)} elementos.`;
    case 'maxItems':
      return `Debe tener como máximo ${String(params.limit)} elementos.`;
    case 'minimum':
      return `Debe ser al menos ${String(params.limit)}.`;
    case 'maximum':
      return `Debe ser como máximo ${String(params.limit)}.`;
    case 'pattern':
      return 'Tiene caracteres no permitidos.';
    case 'type':
      return `Debe ser de tipo ${String(params.type)}.`;
    case 'boolean':
      return 'Campo desconocido.';
    default:
      return 'Valor no permitido.';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
