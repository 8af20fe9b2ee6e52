import type { ExperienceDeliveries, ExperienceNotifier } from '../services/experience-service.ts';
import { rooms } from './rooms.ts';
import type { RealtimeServer } from './types.ts';

/**
 * Sends a change of an activity's cards at once: cards change one button press at a time, so
 * there is nothing to coalesce. Consoles and the projected screen get their views; a sala's
 * members (or a card's author) theirs.
 */
export function experiencePublisher(io: RealtimeServer): ExperienceNotifier {
  return {
    experiencesChanged(sessionId: string, deliveries: ExperienceDeliveries): void {
      io.to(rooms.consoles(sessionId)).emit('experiences:updated', deliveries.consoles);
      io.to(rooms.presenters(sessionId)).emit('experiences:updated', deliveries.presenters);
      for (const { participantIds, view } of deliveries.participants)
        io.to(participantIds.map(rooms.participant)).emit('experiences:updated', view);
    },
  };
}
