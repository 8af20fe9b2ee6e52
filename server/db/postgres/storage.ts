import type pg from 'pg';
import type { AccountRepository } from '../account-repository.ts';
import type { AnswerRepository } from '../answer-repository.ts';
import type { Async } from '../async.ts';
import type { AuditRepository } from '../audit-repository.ts';
import type { BreakoutRepository } from '../breakout-repository.ts';
import type { CommentRepository } from '../comment-repository.ts';
import type { CommitmentRepository } from '../commitment-repository.ts';
import type { ExperienceRepository } from '../experience-repository.ts';
import type { ModerationRepository } from '../moderation-repository.ts';
import type { ParticipantRepository } from '../participant-repository.ts';
import type { QaRepository } from '../qa-repository.ts';
import type { SeriesRepository } from '../series-repository.ts';
import type { SessionRepository } from '../session-repository.ts';
import type { SettingsRepository } from '../settings-repository.ts';
import type { SignInAllowListRepository } from '../sign-in-allowlist-repository.ts';
import type { SupportRepository } from '../support-repository.ts';
import type { SynthesisRepository } from '../synthesis-repository.ts';
import type { TemplateRepository } from '../template-repository.ts';
import type { TurnRepository } from '../turn-repository.ts';
import { PgAccountRepository } from './account-repository.ts';
import { PgAnswerRepository } from './answer-repository.ts';
import { PgAuditRepository } from './audit-repository.ts';
import { PgBreakoutRepository } from './breakout-repository.ts';
import { PgCommentRepository } from './comment-repository.ts';
import { PgCommitmentRepository } from './commitment-repository.ts';
import { PgExperienceRepository } from './experience-repository.ts';
import { PgModerationRepository } from './moderation-repository.ts';
import { PgParticipantRepository } from './participant-repository.ts';
import { PgQaRepository } from './qa-repository.ts';
import { serialized, withTransaction, type Queryable } from './queryable.ts';
import { PgSeriesRepository } from './series-repository.ts';
import { PgSessionRepository } from './session-repository.ts';
import { PgSettingsRepository } from './settings-repository.ts';
import { PgSignInAllowListRepository } from './sign-in-allowlist-repository.ts';
import { PgSupportRepository } from './support-repository.ts';
import { PgSynthesisRepository } from './synthesis-repository.ts';
import { PgTemplateRepository } from './template-repository.ts';
import { PgTurnRepository } from './turn-repository.ts';

/**
 * The asynchronous storage port of round 5 (docs: /work/round5.md), declared here until the
 * port's own `Storage` replaces it: one repository per aggregate, and `transaction`.
 */
export interface PgStorage {
  sessions: Async<SessionRepository>;
  participants: Async<ParticipantRepository>;
  answers: Async<AnswerRepository>;
  breakouts: Async<BreakoutRepository>;
  syntheses: Async<SynthesisRepository>;
  turns: Async<TurnRepository>;
  qa: Async<QaRepository>;
  moderation: Async<ModerationRepository>;
  comments: Async<CommentRepository>;
  audit: Async<AuditRepository>;
  commitments: Async<CommitmentRepository>;
  support: Async<SupportRepository>;
  experiences: Async<ExperienceRepository>;
  accounts: Async<AccountRepository>;
  series: Async<SeriesRepository>;
  settings: Async<SettingsRepository>;
  templates: Async<TemplateRepository>;
  signInAllowList: Async<SignInAllowListRepository>;
  /** One command's writes as one transaction; `work` uses `tx`, never the outer storage. */
  transaction<T>(work: (tx: PgStorage) => Promise<T>): Promise<T>;
}

export interface PgStorageOptions {
  /**
   * Where the group-commit batches (answers, joins) run. In cluster mode the node's owner
   * connection, which holds its sessions' advisory locks: a batch then commits only while the
   * node owns them (scale-out design §4.2). Default: the pool.
   */
  commitConnection?: Queryable;
}

/** Every repository bound to `db`, but the batch writes (answers, joins) to `commits`. */
function repositories(db: Queryable, commits: Queryable): Omit<PgStorage, 'transaction'> {
  return {
    sessions: new PgSessionRepository(db),
    participants: new PgParticipantRepository(db, commits),
    answers: new PgAnswerRepository(db, commits),
    breakouts: new PgBreakoutRepository(db),
    syntheses: new PgSynthesisRepository(db),
    turns: new PgTurnRepository(db),
    qa: new PgQaRepository(db),
    moderation: new PgModerationRepository(db),
    comments: new PgCommentRepository(db),
    audit: new PgAuditRepository(db),
    commitments: new PgCommitmentRepository(db),
    support: new PgSupportRepository(db),
    experiences: new PgExperienceRepository(db),
    accounts: new PgAccountRepository(db),
    series: new PgSeriesRepository(db),
    settings: new PgSettingsRepository(db),
    templates: new PgTemplateRepository(db),
    signInAllowList: new PgSignInAllowListRepository(db),
  };
}

/** PostgreSQL storage over a pool (and, in cluster mode, the node's owner connection). */
export function pgStorage(pool: pg.Pool, options: PgStorageOptions = {}): PgStorage {
  const commits = options.commitConnection ? serialized(options.commitConnection) : pool;
  return {
    ...repositories(pool, commits),
    // Inside a transaction every statement, batch writes too, runs on its connection.
    transaction: (work) =>
      withTransaction(pool, (client) => {
        const connection = serialized(client);
        const tx: PgStorage = {
          ...repositories(connection, connection),
          transaction: () => Promise.reject(new Error('A transaction cannot be opened inside another.')),
        };
        return work(tx);
      }),
  };
}
