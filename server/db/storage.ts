import type { Database } from 'better-sqlite3';
import { SqliteAuditRepository, type AuditRepository } from './audit-repository.ts';
import { SqliteAnswerRepository, type AnswerRepository } from './answer-repository.ts';
import { SqliteBreakoutRepository, type BreakoutRepository } from './breakout-repository.ts';
import { SqliteCommentRepository, type CommentRepository } from './comment-repository.ts';
import { SqliteCommitmentRepository, type CommitmentRepository } from './commitment-repository.ts';
import { SqliteExperienceRepository, type ExperienceRepository } from './experience-repository.ts';
import { SqliteModerationRepository, type ModerationRepository } from './moderation-repository.ts';
import { SqliteParticipantRepository, type ParticipantRepository } from './participant-repository.ts';
import { SqliteSessionRepository, type SessionRepository } from './session-repository.ts';
import { SqliteSupportRepository, type SupportRepository } from './support-repository.ts';
import { SqliteSynthesisRepository, type SynthesisRepository } from './synthesis-repository.ts';
import { SqliteTurnRepository, type TurnRepository } from './turn-repository.ts';
import { SqliteQaRepository, type QaRepository } from './qa-repository.ts';

/**
 * What a live session is stored through: one repository per aggregate, and the transaction
 * that makes one command's writes one commit. Services depend on this interface only; the
 * SQLite implementation is below, an in-memory one serves the services' unit tests.
 */
export interface Storage {
  sessions: SessionRepository;
  participants: ParticipantRepository;
  answers: AnswerRepository;
  breakouts: BreakoutRepository;
  syntheses: SynthesisRepository;
  turns: TurnRepository;
  qa: QaRepository;
  moderation: ModerationRepository;
  comments: CommentRepository;
  audit: AuditRepository;
  commitments: CommitmentRepository;
  support: SupportRepository;
  experiences: ExperienceRepository;
  /**
   * Runs `work` as one transaction: every write in it is stored, or none is (it throws).
   * A command calls it once, with all its writes; answers and joins are batched by GroupCommit
   * instead, each batch one transaction of its own.
   */
  transaction<T>(work: () => T): T;
}

export function sqliteStorage(db: Database): Storage {
  return {
    sessions: new SqliteSessionRepository(db),
    participants: new SqliteParticipantRepository(db),
    answers: new SqliteAnswerRepository(db),
    breakouts: new SqliteBreakoutRepository(db),
    syntheses: new SqliteSynthesisRepository(db),
    turns: new SqliteTurnRepository(db),
    qa: new SqliteQaRepository(db),
    moderation: new SqliteModerationRepository(db),
    comments: new SqliteCommentRepository(db),
    audit: new SqliteAuditRepository(db),
    commitments: new SqliteCommitmentRepository(db),
    support: new SqliteSupportRepository(db),
    experiences: new SqliteExperienceRepository(db),
    transaction: (work) => db.transaction(work)(),
  };
}
