import { expect } from 'vitest';
import { routingQuery } from '../../../shared/routing.ts';
import type { ChoiceActivity, CreatedSession } from '../../../shared/types.ts';
import { connect, connectFacilitator, createSession, ok, request, type ClientSocket } from './server.ts';

export interface AnsweredPhone {
  socket: ClientSocket;
  token: string;
  participantId: string;
  answerId: string;
  optionId: string;
}

/**
 * A new session at `url` (a node, or HAProxy in front of several), its console connected with the
 * session's routing key and its first single choice on screen, and `phones` phones that joined
 * and each answered it (the first two options in turn), every answer acknowledged as new.
 * `track` keeps each socket for the test to close.
 */
export async function choiceSessionWithAnswers(
  url: string,
  phones: number,
  track: <T extends ClientSocket>(socket: T) => T,
): Promise<{ session: CreatedSession; choice: ChoiceActivity; facilitator: ClientSocket; phones: AnsweredPhone[] }> {
  const session = await createSession(url);
  const query = routingQuery(session.id);
  const facilitator = track(await connectFacilitator(url, session, 'console', query));
  const { session: view } = await facilitator.snapshot;
  const choice = view.agenda.find((activity): activity is ChoiceActivity => activity.kind === 'choice' && !activity.multiple)!;
  ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
  const answered: AnsweredPhone[] = [];
  for (let i = 0; i < phones; i++) {
    const socket = track(await connect(url, { query }));
    const { participantToken, snapshot } = ok(await request(socket, 'session:join', { code: session.code }));
    const optionId = choice.options[i % 2]!.id;
    const answerId = `${session.id}-answer-${i}`;
    const value = { kind: 'choice' as const, optionIds: [optionId] };
    expect(ok(await request(socket, 'answer:submit', { activityId: choice.id, clientAnswerId: answerId, value })).duplicate).toBe(false);
    answered.push({ socket, token: participantToken, participantId: snapshot.participantId, answerId, optionId });
  }
  return { session, choice, facilitator, phones: answered };
}
