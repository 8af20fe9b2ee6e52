/**
 * Pure shaping of a sala's own numbers beside the room's (sala:numbers): percentages of a
 * choice, means of a rating's items, and the radar series of the plenary (every sala against
 * the room, suppressed salas left out). No DOM, no sockets.
 */
import type { ActivityResults, ChoiceActivity, RatingActivity, SalaNumbersView, SalaResults } from '../../../shared/types.ts';
import { choiceRows, ratingRows } from './results.ts';

export interface ComparisonRow {
  id: string;
  label: string;
  /** The sala's figure (a percentage for choices, a mean for ratings); null when suppressed or none. */
  sala: number | null;
  room: number | null;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Respondents in the sala; null when its figure is suppressed. */
  salaRespondents: number | null;
  roomRespondents: number;
  suppressed: boolean;
}

const salaResultsOf = (sala: SalaResults | undefined): ActivityResults | null => (sala && !sala.suppressed ? sala.results : null);

/** A choice question: the share of respondents per option, in the sala and in the room. */
export function choiceComparison(activity: ChoiceActivity, room: ActivityResults | undefined, sala: SalaResults | undefined): Comparison {
  const salaResults = salaResultsOf(sala);
  const roomRows = choiceRows(activity, room?.kind === 'choice' ? room : null);
  const salaRows = salaResults?.kind === 'choice' ? choiceRows(activity, salaResults) : null;
  return {
    rows: roomRows.map((row, index) => ({ id: row.id, label: row.label, room: row.percent, sala: salaRows?.[index]?.percent ?? null })),
    salaRespondents: salaResults?.respondents ?? null,
    roomRespondents: room?.respondents ?? 0,
    suppressed: sala?.suppressed ?? true,
  };
}

/** A rating question: each item's mean (1–5), in the sala and in the room. */
export function ratingComparison(activity: RatingActivity, room: ActivityResults | undefined, sala: SalaResults | undefined): Comparison {
  const salaResults = salaResultsOf(sala);
  const roomRows = ratingRows(activity, room?.kind === 'rating' ? room : null);
  const salaRows = salaResults?.kind === 'rating' ? ratingRows(activity, salaResults) : null;
  return {
    rows: roomRows.map((row, index) => ({ id: row.id, label: row.label, room: row.mean, sala: salaRows?.[index]?.mean ?? null })),
    salaRespondents: salaResults?.respondents ?? null,
    roomRespondents: room?.respondents ?? 0,
    suppressed: sala?.suppressed ?? true,
  };
}

export interface PlenaryRadars {
  room: Array<number | null>;
  /** Salas with a figure, in the order given. */
  salas: Array<{ salaId: string; values: Array<number | null> }>;
  /** How many salas were left out (fewer respondents than the small-group rule allows). */
  suppressed: number;
}

/** Every sala's means on a rating question against the room's, for the plenary's radars. */
export function plenaryRadars(numbers: SalaNumbersView, activity: RatingActivity): PlenaryRadars {
  const room = ratingComparison(activity, numbers.room[activity.id], undefined).rows.map((row) => row.room);
  const salas: PlenaryRadars['salas'] = [];
  let suppressed = 0;
  for (const sala of numbers.salas) {
    const figure = sala.results[activity.id];
    if (!figure || figure.suppressed) {
      suppressed += 1;
      continue;
    }
    salas.push({ salaId: sala.salaId, values: ratingComparison(activity, numbers.room[activity.id], figure).rows.map((row) => row.sala) });
  }
  return { room, salas, suppressed };
}

/**
 * A short name for an axis on a small chart: the label itself when short, else its last word,
 * which names the axis best in the seed's labels ("Fortalecimiento de los sistemas de
 * información" → "Información", "Desarrollo normativo" → "Normativo").
 */
export function shortLabel(label: string, max = 12): string {
  const trimmed = label.trim();
  if (trimmed.length <= max) return trimmed;
  const words = trimmed.split(/\s+/);
  const last = words.at(-1) ?? trimmed;
  const word = last.length >= 4 ? last : (words[0] ?? trimmed);
  return word.charAt(0).toLocaleUpperCase('es') + word.slice(1);
}

/** A long label in lines of about `width` characters (Chart.js draws an array as lines). */
export function wrapLabel(label: string, width = 18): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.length > 0 ? lines : [label];
}
