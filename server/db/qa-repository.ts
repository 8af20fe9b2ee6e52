import type { Database } from 'better-sqlite3';
import type { QaStatus } from '../../shared/qa.ts';
import { emptyQa, type QaChange, type QaState } from '../domain/qa.ts';

export interface QuestionRow {
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

export interface VoteRow {
  question_id: string;
  participant_id: string;
  activity_id: string;
}

export interface HighlightRow {
  activity_id: string;
  question_id: string;
}

/** The Q&A states of a session's activities from their rows (questions in the order asked); shared by both databases. */
export function toQaStates(questions: QuestionRow[], votes: VoteRow[], highlights: HighlightRow[]): Map<string, QaState> {
  const states = new Map<string, QaState>();
  const stateOf = (activityId: string) => {
    let state = states.get(activityId);
    if (!state) states.set(activityId, (state = emptyQa(activityId)));
    return state;
  };
  for (const row of questions) {
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
  for (const row of votes) {
    const byQuestion = stateOf(row.activity_id).votes;
    byQuestion.set(row.question_id, (byQuestion.get(row.question_id) ?? new Set()).add(row.participant_id));
  }
  for (const row of highlights) stateOf(row.activity_id).highlightedId = row.question_id;
  return states;
}

/** Questions from the room (one aggregate per Q&A activity): questions, votes, the highlighted one. */
export interface QaRepository {
  /** Every Q&A activity of the session that has questions or a highlight, by activity id. */
  forSession(sessionId: string): Map<string, QaState>;
  /** Stores one change decided by domain/qa.ts (the caller wraps it in its transaction). */
  record(change: QaChange): void;
}

/** QaRepository on SQLite. */
export class SqliteQaRepository implements QaRepository {
  readonly #questions;
  readonly #votes;
  readonly #highlights;
  readonly #insert;
  readonly #addVote;
  readonly #removeVote;
  readonly #setStatus;
  readonly #clearHighlightOf;
  readonly #setAnswered;
  readonly #setHighlight;
  readonly #clearHighlight;

  constructor(db: Database) {
    const ofSession = 'SELECT id FROM activities WHERE session_id = ?';
    this.#questions = db.prepare(`SELECT * FROM qa_questions WHERE activity_id IN (${ofSession}) ORDER BY asked_at, rowid`);
    this.#votes = db.prepare(
      `SELECT v.question_id, v.participant_id, q.activity_id FROM qa_votes v JOIN qa_questions q ON q.id = v.question_id
       WHERE q.activity_id IN (${ofSession})`,
    );
    this.#highlights = db.prepare(`SELECT activity_id, question_id FROM qa_highlights WHERE activity_id IN (${ofSession})`);
    this.#insert = db.prepare(
      `INSERT INTO qa_questions (id, activity_id, participant_id, client_id, text, author_name, status, answered, asked_at)
       VALUES (@id, @activityId, @participantId, @clientId, @text, @authorName, @status, 0, @askedAt)`,
    );
    this.#addVote = db.prepare('INSERT OR IGNORE INTO qa_votes (question_id, participant_id) VALUES (?, ?)');
    this.#removeVote = db.prepare('DELETE FROM qa_votes WHERE question_id = ? AND participant_id = ?');
    this.#setStatus = db.prepare('UPDATE qa_questions SET status = ? WHERE id = ?');
    this.#clearHighlightOf = db.prepare('DELETE FROM qa_highlights WHERE question_id = ?');
    this.#setAnswered = db.prepare('UPDATE qa_questions SET answered = ? WHERE id = ?');
    this.#setHighlight = db.prepare(
      `INSERT INTO qa_highlights (activity_id, question_id) VALUES (?, ?)
       ON CONFLICT (activity_id) DO UPDATE SET question_id = excluded.question_id`,
    );
    this.#clearHighlight = db.prepare('DELETE FROM qa_highlights WHERE activity_id = ?');
  }

  forSession(sessionId: string): Map<string, QaState> {
    return toQaStates(
      this.#questions.all(sessionId) as QuestionRow[],
      this.#votes.all(sessionId) as VoteRow[],
      this.#highlights.all(sessionId) as HighlightRow[],
    );
  }

  record(change: QaChange): void {
    switch (change.kind) {
      case 'ask': {
        const { id, activityId, participantId, clientId, text, authorName, status, askedAt } = change.question;
        this.#insert.run({ id, activityId, participantId, clientId, text, authorName, status, askedAt });
        return;
      }
      case 'vote':
        if (change.voted) this.#addVote.run(change.questionId, change.participantId);
        else this.#removeVote.run(change.questionId, change.participantId);
        return;
      case 'status':
        this.#setStatus.run(change.status, change.questionId);
        if (change.status !== 'shown') this.#clearHighlightOf.run(change.questionId);
        return;
      case 'answered':
        this.#setAnswered.run(change.answered ? 1 : 0, change.questionId);
        return;
      case 'highlight':
        if (change.questionId === null) this.#clearHighlight.run(change.activityId);
        else this.#setHighlight.run(change.activityId, change.questionId);
        return;
    }
  }
}
