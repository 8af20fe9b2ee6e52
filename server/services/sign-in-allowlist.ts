import type { AllowList, AllowListEntry } from '../../shared/sign-in-allowlist.ts';
import { AppError } from '../../shared/errors.ts';
import type { SignInAllowListRepository } from '../db/sign-in-allowlist-repository.ts';
import { parseAllowEntry } from '../domain/oidc.ts';

/** The administrators' list of emails and domains that may become facilitators through the provider. */
export class SignInAllowList {
  readonly #repository: SignInAllowListRepository;
  readonly #now: () => number;

  constructor(deps: { repository: SignInAllowListRepository; now: () => number }) {
    this.#repository = deps.repository;
    this.#now = deps.now;
  }

  list(): AllowList {
    return { entries: this.#repository.list() };
  }

  /** The entries alone, as the sign-in checks them. */
  entries(): string[] {
    return this.#repository.list().map((row) => row.entry);
  }

  /** Adds an address or a domain as typed; returns it as stored, and whether it is new (one already there changes nothing). */
  add(text: string): { entry: AllowListEntry; added: boolean } {
    const entry = parseAllowEntry(text);
    if (entry === null) {
      throw new AppError('VALIDATION_FAILED', 'Escribe un correo (ana@servicio.cl) o un dominio (servicio.cl).', [
        { path: '/entry', message: 'No es un correo ni un dominio.' },
      ]);
    }
    const added = this.#repository.add(entry, this.#now());
    return { entry: this.#repository.find(entry)!, added };
  }

  /** Removes an entry; accounts it let in stay (remove them from the accounts list). */
  remove(entry: string): void {
    if (!this.#repository.remove(entry)) throw new AppError('NOT_FOUND', 'Esa entrada no está en la lista.');
  }
}
