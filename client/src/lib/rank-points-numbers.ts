/**
 * A sala's own figures on a ranking or a points question beside the room's (sala:numbers):
 * each item's mean position, or its mean points, in the room's order of items.
 */
import type { ActivityResults, PointsActivity, RankingActivity, SalaResults } from '../../../shared/types.ts';
import type { Comparison } from './sala-numbers.ts';

/** Each item's mean position (ranking) or mean points (points), in the sala and in the room. */
export function rankPointsComparison(
  activity: RankingActivity | PointsActivity,
  room: ActivityResults | undefined,
  sala: SalaResults | undefined,
): Comparison {
  const salaResults = sala && !sala.suppressed ? sala.results : null;
  const meanOf = (results: ActivityResults | null | undefined, id: string): number | null => {
    if (results?.kind === 'ranking') return results.items[id]?.meanPosition ?? null;
    if (results?.kind === 'points') return results.items[id]?.mean ?? null;
    return null;
  };
  return {
    rows: activity.items.map((item) => ({
      id: item.id,
      label: item.label,
      room: meanOf(room, item.id),
      sala: meanOf(salaResults, item.id),
    })),
    salaRespondents: salaResults?.respondents ?? null,
    roomRespondents: room?.respondents ?? 0,
    suppressed: sala?.suppressed ?? true,
  };
}
