import { AppError } from '../../shared/errors.ts';
import { EXPERIENCE_LIMITS } from '../../shared/experience.ts';
import {
  ExperienceDeletePayloadSchema,
  ExperienceListPayloadSchema,
  ExperienceSavePayloadSchema,
} from '../../shared/experience-schemas.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { CardActor } from '../domain/experience.ts';
import type { ExperienceService, ExperienceViewer } from '../services/experience-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import type { RealtimeSocket } from './types.ts';

export interface ExperienceHandlerDeps {
  experiences: ExperienceService;
  log: HandlerLogger;
}

/** Who speaks: a facilitator screen or a joined participant (the service decides what each may do). */
function viewer(socket: RealtimeSocket): { sessionId: string; viewer: ExperienceViewer; actor: CardActor } {
  const auth = socket.data.auth;
  if (auth.role === 'facilitator')
    return { sessionId: auth.sessionId, viewer: { role: 'facilitator', screen: auth.screen }, actor: { role: 'facilitator' } };
  if (auth.role === 'participant') {
    const participant = { role: 'participant', participantId: auth.participantId } as const;
    return { sessionId: auth.sessionId, viewer: participant, actor: participant };
  }
  throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
}

/** Experience cards over sockets: list, save, delete. */
export function experienceHandlers(deps: ExperienceHandlerDeps) {
  const { experiences, log } = deps;
  // Each save is a button press; this stops a runaway client, per writer.
  const saves = new RateLimiter(EXPERIENCE_LIMITS.savesPerMinute, 60_000);
  const limited = (key: string) => {
    if (!saves.take(key)) throw new AppError('RATE_LIMITED', 'Demasiados guardados seguidos. Espera un momento.');
  };
  return {
    'experience:list': handler(ExperienceListPayloadSchema, log, (p, s) => {
      const who = viewer(s);
      return experiences.view(who.sessionId, p.activityId, who.viewer);
    }),
    'experience:save': handler(ExperienceSavePayloadSchema, log, (p, s) => {
      const who = viewer(s);
      limited(who.actor.role === 'participant' ? who.actor.participantId : who.sessionId);
      return experiences.save(who.sessionId, who.actor, p);
    }),
    'experience:delete': handler(ExperienceDeletePayloadSchema, log, (p, s) => {
      const who = viewer(s);
      limited(who.actor.role === 'participant' ? who.actor.participantId : who.sessionId);
      return experiences.delete(who.sessionId, who.actor, p);
    }),
  } satisfies Partial<HandlerTable>;
}
