import type { AllowList, AllowListEntry } from '../../shared/sign-in-allowlist.ts';
import { AppError } from '../../shared/errors.ts';
import type { Async } from '../db/async.ts';
import type { SignInAllowListRepository } from '../db/sign-in-allowlist-repository.ts';
import { parseAllowEntry } from '../domain/oidc.ts';

/** The administrators' list of emails and domains that may become facilitators through the provider. */
export class SignInAllowList {
  readonly #repository: Async<SignInAllowListRepository>;
  readonly #now: () => number;

  constructor(deps: { repository: Async<SignInAllowListRepository>; now: () => number }) {
    this.#repository = deps.repository;
    this.#now = deps.now;
  }

  async list(): Promise<AllowList> {
    return { entries: await this.#repository.list() };
  }

  /** The entries alone, as the sign-in checks them. */
  async entries(): Promise<string[]> {
    return (await this.#repository.list()).map((row) => row.entry);
  }

  /** Adds an address or a domain as typed; returns it as stored, and whether it is new (one already there changes nothing). */
  async add(text: string): Promise<{ entry: AllowListEntry; added: boolean }> {
    const entry = parseAllowEntry(text);
    if (entry === null) {
      throw new AppError('VALIDATION_FAILED', 'Escribe un correo (ana@servicio.cl) o un dominio (servicio.cl).', [
        { path: '/entry', message: 'No es un correo ni un dominio.' },
      ]);
    }
    const added = await this.#repository.add(entry, this.#now());
    return { entry: (await this.#repository.find(entry))!, added };
  }

  /**
   * Removes an entry; accounts it let in stay (remove them from the accounts list).
   * `repository`: a transaction's, when the removal is part of one (with its audit entry).
   */
  async remove(entry: string, repository: Async<SignInAllowListRepository> = this.#repository): Promise<void> {
    if (!(await repository.remove(entry))) throw new AppError('NOT_FOUND', 'Esa entrada no está en la lista.');
  }
}
