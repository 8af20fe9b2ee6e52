import type pg from 'pg';
import type { Storage } from '../storage.ts';
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

export interface PgStorageOptions {
  /**
   * Where the group-commit batches (answers, joins) run. In cluster mode the node's owner
   * connection, which holds its sessions' advisory locks: a batch then commits only while the
   * node owns them (scale-out design §4.2). Default: the pool.
   */
  commitConnection?: Queryable;
}

/** Every repository bound to `db`, but the batch writes (answers, joins) to `commits`. */
function repositories(db: Queryable, commits: Queryable): Omit<Storage, 'transaction'> {
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
export function pgStorage(pool: pg.Pool, options: PgStorageOptions = {}): Storage {
  const commits = options.commitConnection ? serialized(options.commitConnection) : pool;
  return {
    ...repositories(pool, commits),
    // Inside a transaction every statement, batch writes too, runs on its connection.
    transaction: (work) =>
      withTransaction(pool, (client) => {
        const connection = serialized(client);
        const tx: Storage = {
          ...repositories(connection, connection),
          transaction: () => Promise.reject(new Error('A transaction cannot be opened inside another.')),
        };
        return work(tx);
      }),
  };
}
