/**
 * The rehearsal's questions from the room: a few people ask (some with their name), one of them
 * something off-topic that the facilitator hides; the facilitator approves the rest when the
 * activity asks for approval; everyone upvotes a few others' questions; the facilitator puts the
 * most voted one on the projector, marks it answered, then the next, and takes it off.
 */
import type { Socket } from 'socket.io-client';
import type { AckOf, ClientEvent, ClientToServerEvents, PayloadOf, ServerToClientEvents } from '../../shared/events.ts';
import { projectorQuestions, type QaBoard } from '../../shared/qa.ts';
import type { QaActivity } from '../../shared/types.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** What an event's ack carries when it succeeds. */
export type AckData<E extends ClientEvent> = Extract<AckOf<E>, { ok: true }>['data'];

/** What the rehearsal lends the Q&A: its sockets, its way of sending, and its pace. */
export interface QaRehearsal {
  facilitator: ClientSocket;
  people: ReadonlyArray<{ index: number; socket: ClientSocket; displayName: string | null }>;
  /** Sends a command and waits for its ack; a refusal stops the rehearsal. */
  call: <E extends ClientEvent>(socket: ClientSocket, event: E, payload: PayloadOf<E>, what: string) => Promise<AckData<E>>;
  /** The facilitator's pause between actions, in ms. */
  pace: number;
  log: (line: string) => void;
  /** A number in [0, 1) (Math.random unless a test fixes it). */
  random?: () => number;
}

const QUESTIONS = [
  '¿Habrá formación en primeros auxilios psicológicos para jefaturas?',
  '¿Cómo medimos el bienestar de los equipos sin recargar a las personas?',
  '¿Qué apoyo puede dar el Servicio Civil a servicios pequeños, sin unidad de bienestar?',
  '¿Se pueden compartir las experiencias de otros servicios después del taller?',
  '¿Cómo sumamos a las asociaciones de funcionarios y funcionarias?',
  '¿Hay protocolos para contener a quienes atienden público en situaciones difíciles?',
];
const OFF_TOPIC = 'Prueba prueba 123';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Plays one Q&A activity (already on screen); returns how many questions were shown. */
export async function playQa(activity: QaActivity, rehearsal: QaRehearsal): Promise<number> {
  const { facilitator, people, call, pace, log } = rehearsal;
  const random = rehearsal.random ?? Math.random;
  const qaId = activity.id;
  const askers = people.slice(0, Math.min(people.length, QUESTIONS.length));
  log(`Preguntas del público: ${askers.length} personas preguntan.`);
  /** Each asker's own questions (nobody votes for their own). */
  const own = new Map<number, string[]>();
  for (const [i, person] of askers.entries()) {
    const named = person.displayName !== null && random() < 0.5;
    const text = QUESTIONS[i]!.slice(0, activity.maxLength);
    const payload = { activityId: qaId, clientQuestionId: `demo-qa-${qaId}-${i}`, text, named };
    const mine = await call(person.socket, 'qa:ask', payload, `Participante ${person.index + 1} pregunta`);
    own.set(
      person.index,
      mine.questions.map((q) => q.id),
    );
  }
  const joker = people.at(-1);
  if (joker) {
    const what = `Participante ${joker.index + 1} envía algo fuera de tema`;
    await call(joker.socket, 'qa:ask', { activityId: qaId, clientQuestionId: `demo-qa-${qaId}-off`, text: OFF_TOPIC, named: false }, what);
  }
  await sleep(pace);

  // Moderation: the off-topic one hidden, the rest approved when the activity asks for approval.
  let board = (await call(facilitator, 'session:sync', {}, 'Leer las preguntas')).qa[qaId];
  for (const question of board?.questions ?? []) {
    if (question.text === OFF_TOPIC) board = await status(question.id, 'hidden', 'Ocultar una pregunta fuera de tema');
    else if (question.status === 'pending') board = await status(question.id, 'shown', 'Aprobar una pregunta');
  }

  // Upvotes: each person supports one to three others' questions, the earlier ones a little more.
  const shown = (board?.questions ?? []).filter((q) => q.status === 'shown');
  for (const person of people) {
    const others = shown.filter((q) => !own.get(person.index)?.includes(q.id));
    const picks = new Set<string>();
    const wanted = 1 + Math.floor(random() * 3);
    for (let tries = 0; picks.size < Math.min(wanted, others.length) && tries < 10; tries++) {
      const index = Math.floor(random() * random() * others.length);
      picks.add(others[index]!.id);
    }
    for (const questionId of picks)
      await call(person.socket, 'qa:vote', { activityId: qaId, questionId, voted: true }, `Participante ${person.index + 1} vota`);
  }
  await sleep(2 * pace);

  // The most voted questions, one at a time on the projector, answered aloud.
  board = (await call(facilitator, 'session:sync', {}, 'Leer los votos')).qa[qaId];
  for (const question of board ? projectorQuestions(board, 2) : []) {
    await call(facilitator, 'qa:highlight', { activityId: qaId, questionId: question.id }, 'Proyectar una pregunta');
    log(`En pantalla (${question.votes} votos): ${question.text}`);
    await sleep(2 * pace);
    await call(facilitator, 'qa:answered', { activityId: qaId, questionId: question.id, answered: true }, 'Marcarla respondida');
  }
  await call(facilitator, 'qa:highlight', { activityId: qaId, questionId: null }, 'Quitar la pregunta de la pantalla');
  return shown.length;

  function status(questionId: string, to: 'shown' | 'hidden', what: string): Promise<QaBoard> {
    return call(facilitator, 'qa:status', { activityId: qaId, questionId, status: to }, what);
  }
}
