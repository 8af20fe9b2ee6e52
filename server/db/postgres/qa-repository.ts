import type { QaChange, QaState } from '../../domain/qa.ts';
import type { Async } from '../async.ts';
import { toQaStates, type HighlightRow, type QaRepository, type QuestionRow, type VoteRow } from '../qa-repository.ts';
import type { Queryable } from './queryable.ts';

const OF_SESSION = 'SELECT id FROM activities WHERE session_id = $1';

/** QaRepository on PostgreSQL. */
export class PgQaRepository implements Async<QaRepository> {
  constructor(private readonly db: Queryable) {}

  /** Questions in the order asked; those of the same millisecond in the order written. */
  async forSession(sessionId: string): Promise<Map<string, QaState>> {
    const questions = await this.db.query<QuestionRow>(
      `SELECT * FROM qa_questions WHERE activity_id IN (${OF_SESSION}) ORDER BY asked_at, rowid`,
      [sessionId],
    );
    const votes = await this.db.query<VoteRow>(
      `SELECT v.question_id, v.participant_id, q.activity_id FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id
       WHERE q.activity_id IN (${OF_SESSION})`,
      [sessionId],
    );
    const highlights = await this.db.query<HighlightRow>(
      `SELECT activity_id, question_id FROM qa_highlights WHERE activity_id IN (${OF_SESSION})`,
      [sessionId],
    );
    return toQaStates(questions.rows, votes.rows, highlights.rows);
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
