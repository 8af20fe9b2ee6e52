import type { Database } from 'better-sqlite3';
import { asyncRepository, type Async } from './async.ts';
import { SqliteAccountRepository, type AccountRepository } from './account-repository.ts';
import { SqliteAuditRepository, type AuditRepository } from './audit-repository.ts';
import { SqliteAnswerRepository, type AnswerRepository } from './answer-repository.ts';
import { SqliteBreakoutRepository, type BreakoutRepository } from './breakout-repository.ts';
import { SqliteCommentRepository, type CommentRepository } from './comment-repository.ts';
import { SqliteCommitmentRepository, type CommitmentRepository } from './commitment-repository.ts';
import { SqliteExperienceRepository, type ExperienceRepository } from './experience-repository.ts';
import { SqliteModerationRepository, type ModerationRepository } from './moderation-repository.ts';
import { SqliteParticipantRepository, type ParticipantRepository } from './participant-repository.ts';
import { SqliteSeriesRepository, type SeriesRepository } from './series-repository.ts';
import { SqliteSessionRepository, type SessionRepository } from './session-repository.ts';
import { SqliteSettingsRepository, type SettingsRepository } from './settings-repository.ts';
import { SqliteSignInAllowListRepository, type SignInAllowListRepository } from './sign-in-allowlist-repository.ts';
import { SqliteSupportRepository, type SupportRepository } from './support-repository.ts';
import { SqliteSynthesisRepository, type SynthesisRepository } from './synthesis-repository.ts';
import { SqliteTemplateRepository, type TemplateRepository } from './template-repository.ts';
import { SqliteTurnRepository, type TurnRepository } from './turn-repository.ts';
import { SqliteQaRepository, type QaRepository } from './qa-repository.ts';

/**
 * What Plenario is stored through: one repository per aggregate, each method returning a
 * promise, and the transaction that makes one command's writes one commit. Services depend on
 * this interface only; SQLite's implementation is below (its classes stay synchronous, wrapped),
 * PostgreSQL's is in `postgres/`, an in-memory one serves the services' unit tests.
 */
export interface Storage {
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
  /**
   * One command's writes as one transaction: every write in it is stored, or none is (it
   * rejects). `work` uses `tx`, never the outer storage, and awaits storage calls only (hash
   * passwords, fetch, etc. before it), so that SQLite's one connection is never held across
   * anything slow. Answers and joins are batched by GroupCommit instead, each batch one
   * transaction of its own.
   */
  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T>;
}

type Repositories = Omit<Storage, 'transaction'>;

function sqliteRepositories(db: Database) {
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
    accounts: new SqliteAccountRepository(db),
    series: new SqliteSeriesRepository(db),
    settings: new SqliteSettingsRepository(db),
    templates: new SqliteTemplateRepository(db),
    signInAllowList: new SqliteSignInAllowListRepository(db),
  };
}

/**
 * SQLite behind the port. better-sqlite3 has one connection and runs each statement to its end,
 * so the repositories stay synchronous and are wrapped into settled promises.
 *
 * A transaction is `BEGIN IMMEDIATE`, `await work(tx)`, `COMMIT` (or `ROLLBACK` when work
 * throws), one at a time: the next waits for the previous one to settle. Because work awaits
 * only these already-settled promises, a transaction opens and ends within one turn of the event
 * loop, before any timer or I/O callback runs: group-commit batches (run from timers) never find
 * one open, and check it (see the answer and participant repositories). A call through the outer
 * storage while a transaction is open (another command's microtask in between) waits for it to
 * end, so it neither joins that transaction nor reads its uncommitted writes.
 */
export function sqliteStorage(db: Database): Storage {
  const inTx: Repositories = wrapAll(sqliteRepositories(db));
  let tail: Promise<unknown> = Promise.resolve();
  let open = 0;
  /** Runs `run` after everything queued before it, alone. */
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    open++;
    const result = tail.then(run).finally(() => open--);
    tail = result.catch(() => {});
    return result;
  };
  const tx: Storage = { ...inTx, transaction: (work) => work(tx) };
  const outer: Repositories = waitWhileOpen(inTx, () => open > 0, serially);
  return {
    ...outer,
    transaction: (work) =>
      serially(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
  };
}

function wrapAll(repositories: ReturnType<typeof sqliteRepositories>): Repositories {
  return Object.fromEntries(
    Object.entries(repositories).map(([name, repository]) => [name, asyncRepository(repository)]),
  ) as unknown as Repositories;
}

/** The same repositories, whose calls queue behind the open transaction when there is one. */
function waitWhileOpen(repositories: Repositories, busy: () => boolean, serially: <T>(run: () => Promise<T>) => Promise<T>): Repositories {
  const entries = Object.entries(repositories).map(([name, repository]) => {
    const methods = Object.entries(repository as Record<string, (...args: unknown[]) => Promise<unknown>>).map(([method, call]) => [
      method,
      (...args: unknown[]) => (busy() ? serially(() => call(...args)) : call(...args)),
    ]);
    return [name, Object.fromEntries(methods)];
  });
  return Object.fromEntries(entries) as Repositories;
}
