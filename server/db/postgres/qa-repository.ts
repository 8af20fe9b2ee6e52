import type { QaStatus } from '../../../shared/qa.ts';
import { emptyQa, type QaChange, type QaState } from '../../domain/qa.ts';
import type { Async } from '../async.ts';
import type { QaRepository } from '../qa-repository.ts';
import type { Queryable } from './queryable.ts';

interface QuestionRow {
  id: string;
  activity_id: string;
  participant_id: string;
  client_id: string;
  text: string;
  author_name: string | null;
  status: QaStatus;
  answered: number;
  asked_at: number;
}

const OF_SESSION = 'SELECT id FROM activities WHERE session_id = $1';

/** QaRepository on PostgreSQL. */
export class PgQaRepository implements Async<QaRepository> {
  constructor(private readonly db: Queryable) {}

  /** Questions in the order asked; those of the same millisecond by where their rows lie (SQLite: by rowid). */
  async forSession(sessionId: string): Promise<Map<string, QaState>> {
    const states = new Map<string, QaState>();
    const stateOf = (activityId: string) => {
      let state = states.get(activityId);
      if (!state) states.set(activityId, (state = emptyQa(activityId)));
      return state;
    };
    const questions = await this.db.query<QuestionRow>(
      `SELECT * FROM qa_questions WHERE activity_id IN (${OF_SESSION}) ORDER BY asked_at, ctid`,
      [sessionId],
    );
    for (const row of questions.rows) {
      stateOf(row.activity_id).questions.set(row.id, {
        id: row.id,
        activityId: row.activity_id,
        participantId: row.participant_id,
        clientId: row.client_id,
        text: row.text,
        authorName: row.author_name,
        status: row.status,
        answered: row.answered === 1,
        askedAt: row.asked_at,
      });
    }
    const votes = await this.db.query<{ question_id: string; participant_id: string; activity_id: string }>(
      `SELECT v.question_id, v.participant_id, q.activity_id FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id
       WHERE q.activity_id IN (${OF_SESSION})`,
      [sessionId],
    );
    for (const row of votes.rows) {
      const byQuestion = stateOf(row.activity_id).votes;
      byQuestion.set(row.question_id, (byQuestion.get(row.question_id) ?? new Set()).add(row.participant_id));
    }
    const highlights = await this.db.query<{ activity_id: string; question_id: string }>(
      `SELECT activity_id, question_id FROM qa_highlights WHERE activity_id IN (${OF_SESSION})`,
      [sessionId],
    );
    for (const row of highlights.rows) stateOf(row.activity_id).highlightedId = row.question_id;
    return states;
  }

  async record(change: QaChange): Promise<void> {
    switch (change.kind) {
      case 'ask': {
        const q = change.question;
        await this.db.query(
          `INSERT INTO qa_questions (id, activity_id, participant_id, client_id, text, author_name, status, answered, asked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)`,
          [q.id, q.activityId, q.participantId, q.clientId, q.text, q.authorName, q.status, q.askedAt],
        );
        return;
      }
      case 'vote':
        if (change.voted)
          await this.db.query('INSERT INTO qa_votes (question_id, participant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
            change.questionId,
            change.participantId,
          ]);
        else
          await this.db.query('DELETE FROM qa_votes WHERE question_id = $1 AND participant_id = $2', [
            change.questionId,
            change.participantId,
          ]);
        return;
      case 'status':
        await this.db.query('UPDATE qa_questions SET status = $1 WHERE id = $2', [change.status, change.questionId]);
        if (change.status !== 'shown') await this.db.query('DELETE FROM qa_highlights WHERE question_id = $1', [change.questionId]);
        return;
      case 'answered':
        await this.db.query('UPDATE qa_questions SET answered = $1 WHERE id = $2', [change.answered ? 1 : 0, change.questionId]);
        return;
      case 'highlight':
        if (change.questionId === null) await this.db.query('DELETE FROM qa_highlights WHERE activity_id = $1', [change.activityId]);
        else
          await this.db.query(
            `INSERT INTO qa_highlights (activity_id, question_id) VALUES ($1, $2)
             ON CONFLICT (activity_id) DO UPDATE SET question_id = excluded.question_id`,
            [change.activityId, change.questionId],
          );
        return;
    }
  }
}
