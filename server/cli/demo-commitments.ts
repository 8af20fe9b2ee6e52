/**
 * The rehearsal's commitments (`npm run demo`, see demo.ts): at the close, most participants
 * write one thing they will do before the next session; when the next session of the series is
 * rehearsed too (`--next-session`), the same people come back and, at "Retomando", find their
 * own commitment (most by their browser's key, a few by the short code they noted) and say
 * whether they did it. One `CommitmentPlayer` serves both sessions, so it remembers each
 * simulated person's key and code as a phone's storage and a notebook would.
 */
import { nanoid } from 'nanoid';
import type { Socket } from 'socket.io-client';
import { COMMITMENT_OUTCOMES, formatCommitmentCode, type CommitmentOutcome } from '../../shared/commitment.ts';
import type { Ack, ClientEvent, ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import type { Activity, CommitmentActivity } from '../../shared/types.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The rehearsal's way of waiting for an ack: its data, or it stops with the refusal. */
export type Command = <T>(sent: { event: ClientEvent; ack: Promise<Ack<T>> }, context: string) => Promise<T>;

/** A simulated participant, by their place in the room (the same place in the next session). */
export interface CommitmentPerson {
  index: number;
  socket: ClientSocket;
}

/** What people commit to, in the voice of the seeds' workshops. */
const TEXTS = [
  'Conversar con mi jefatura sobre las pausas activas del equipo',
  'Proponer en mi servicio un protocolo de contención como el del IPS',
  'Compartir con mi equipo lo que escuchamos hoy de otros servicios',
  'Revisar con Personas qué apoyos psicológicos ya tenemos y difundirlos',
  'Pedir que el bienestar psicológico entre en la planificación del próximo año',
  'Reunirme con el comité paritario para hablar de salud mental',
  'Hacer una ronda breve de "¿cómo estamos?" al inicio de cada reunión',
] as const;
const WRITE_SHARE = 0.8;
/** Of those who come back, the share who lost their browser's storage and type the code. */
const BY_CODE_SHARE = 0.2;
/** Relative weights of the answers at the follow-up. */
const OUTCOME_WEIGHTS: Readonly<Record<CommitmentOutcome, number>> = { done: 0.3, started: 0.45, notYet: 0.25 };

export class CommitmentPlayer {
  readonly #command: Command;
  readonly #log: (line: string) => void;
  /** What each person's phone keeps (their browser key) and what they noted (their code), by place. */
  readonly #kept = new Map<number, { key: string; code: string }>();

  constructor(command: Command, log: (line: string) => void) {
    this.#command = command;
    this.#log = log;
  }

  /** Whether anyone wrote a commitment, to take up at a next session. */
  get written(): number {
    return this.#kept.size;
  }

  /**
   * The agenda with the commitments this rehearsal plays: a closing `write` before the last
   * activity, and, at a next session, a `review` under "Retomando…" after the cover slide.
   */
  async prepare(facilitator: ClientSocket, agenda: readonly Activity[], followUp: boolean): Promise<Activity[]> {
    let current = [...agenda];
    const insert = async (index: number, activity: Omit<CommitmentActivity, 'id'>) => {
      const sent = { event: 'agenda:insert' as const, ack: facilitator.emitWithAck('agenda:insert', { index, activity }) };
      current = (await this.#command(sent, 'Agregar los compromisos a la agenda')).agenda;
    };
    if (followUp && !current.some((a) => a.kind === 'commitment' && a.mode === 'review')) {
      await insert(Math.min(1, current.length), {
        kind: 'commitment',
        mode: 'review',
        section: 'Retomando…',
        title: 'Tu compromiso de la sesión anterior',
      });
    }
    if (!current.some((a) => a.kind === 'commitment' && a.mode === 'write')) {
      await insert(Math.max(current.length - 1, 0), {
        kind: 'commitment',
        mode: 'write',
        section: 'Para seguir construyendo en conjunto',
        title: '¿Qué harás antes de la próxima sesión?',
      });
    }
    return current;
  }

  /** Plays a commitment activity on screen with the room's phones. */
  async play(activity: CommitmentActivity, people: readonly CommitmentPerson[]): Promise<void> {
    if (activity.mode === 'write') return this.#write(activity, people);
    return this.#review(activity, people);
  }

  async #write(activity: CommitmentActivity, people: readonly CommitmentPerson[]): Promise<void> {
    let count = 0;
    for (const person of people) {
      if (person.index !== 0 && Math.random() >= WRITE_SHARE) continue;
      const kept = this.#kept.get(person.index);
      const key = kept?.key ?? nanoid(32);
      const text = TEXTS[person.index % TEXTS.length]!;
      const ack = person.socket.emitWithAck('commitment:write', { activityId: activity.id, text, key });
      const written = await this.#command({ event: 'commitment:write', ack }, `Participante ${person.index + 1} escribe su compromiso`);
      if (written.code) this.#kept.set(person.index, { key, code: written.code });
      count += 1;
    }
    this.#log(`Compromisos escritos: ${count} (nadie más ve los textos; la sala, solo cuántos).`);
  }

  async #review(activity: CommitmentActivity, people: readonly CommitmentPerson[]): Promise<void> {
    let count = 0;
    for (const person of people) {
      const kept = this.#kept.get(person.index);
      if (!kept) continue;
      const proof = Math.random() < BY_CODE_SHARE ? { code: formatCommitmentCode(kept.code) } : { key: kept.key };
      const ack = person.socket.emitWithAck('commitment:review', { activityId: activity.id, proof, outcome: pickOutcome() });
      await this.#command({ event: 'commitment:review', ack }, `Participante ${person.index + 1} retoma su compromiso`);
      count += 1;
    }
    this.#log(`Compromisos retomados: ${count} de ${this.#kept.size}.`);
  }
}

function pickOutcome(): CommitmentOutcome {
  let roll = Math.random();
  for (const outcome of COMMITMENT_OUTCOMES) {
    roll -= OUTCOME_WEIGHTS[outcome];
    if (roll < 0) return outcome;
  }
  return 'notYet';
}
