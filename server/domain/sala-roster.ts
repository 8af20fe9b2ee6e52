import { AppError } from '../../shared/errors.ts';
import type { SalaRole } from '../../shared/types.ts';
import { assertClaim, smallestSala, type SalaRoles } from './breakout.ts';

/** What a roster change stores: someone's new sala, and the whole roles of each sala whose roles changed. */
export interface RosterChange {
  member?: { participantId: string; salaId: string };
  roles: Array<{ salaId: string; roles: SalaRoles }>;
}

/** What other rules may read of a roster (the synthesis' writer, a sala's numbers). */
export type RosterView = Pick<SalaRoster, 'salaIds' | 'hasSala' | 'salaOf' | 'membersOf' | 'roleOf'>;

const NO_ROLES: SalaRoles = { moderator: null, secretary: null };

/**
 * Who is in which sala of one breakout and who holds its roles, with their rules: one sala per
 * person, a role only in one's own sala, at most one role per person, one holder per role.
 * Pure state, no I/O. A change is checked and returned first, without changing anything, and
 * `apply`d once stored (as `SessionState` does).
 */
export class SalaRoster {
  readonly #salaIds: string[];
  readonly #memberOf: Map<string, string>;
  readonly #roles: Map<string, SalaRoles>;

  constructor(
    salaIds: readonly string[],
    members: Iterable<{ participantId: string; salaId: string }>,
    roles: Iterable<{ salaId: string; role: SalaRole; participantId: string }> = [],
  ) {
    this.#salaIds = [...salaIds];
    this.#memberOf = new Map([...members].map((m) => [m.participantId, m.salaId]));
    this.#roles = new Map(salaIds.map((id) => [id, { ...NO_ROLES }]));
    for (const r of roles) {
      const sala = this.#roles.get(r.salaId);
      if (sala) sala[r.role] = r.participantId;
    }
  }

  /** In the salas' order. */
  get salaIds(): readonly string[] {
    return this.#salaIds;
  }

  hasSala(salaId: string): boolean {
    return this.#roles.has(salaId);
  }

  salaOf(participantId: string): string | null {
    return this.#memberOf.get(participantId) ?? null;
  }

  membersOf(salaId: string): string[] {
    return [...this.#memberOf].filter(([, s]) => s === salaId).map(([p]) => p);
  }

  rolesOf(salaId: string): SalaRoles {
    return { ...(this.#roles.get(salaId) ?? NO_ROLES) };
  }

  /** The role someone holds in their sala, if any. */
  roleOf(participantId: string): SalaRole | null {
    const salaId = this.#memberOf.get(participantId);
    const roles = salaId ? this.#roles.get(salaId) : undefined;
    if (!roles) return null;
    return roles.secretary === participantId ? 'secretary' : roles.moderator === participantId ? 'moderator' : null;
  }

  // ---------- changes: each returns what it would store ----------

  /**
   * Puts someone in a sala (the facilitator's move, a self-chosen sala). The roles they held in
   * the sala they were in are dropped, even when it is the same sala.
   */
  move(participantId: string, salaId: string): RosterChange {
    this.#assertSala(salaId);
    const previous = this.#memberOf.get(participantId);
    const held = previous !== undefined && this.roleOf(participantId) !== null;
    return { member: { participantId, salaId }, roles: held ? [{ salaId: previous, roles: this.#without(previous, participantId) }] : [] };
  }

  /** Where someone who was not dealt out goes: the smallest sala, the first one on ties. */
  placeLate(participantId: string): RosterChange {
    const sizes = this.#salaIds.map((id) => this.membersOf(id).length);
    return this.move(participantId, this.#salaIds[smallestSala(sizes)]!);
  }

  /** The facilitator gives a role to a member of the sala, taking it from whoever had it, or clears it (null). */
  assign(salaId: string, role: SalaRole, participantId: string | null): RosterChange {
    this.#assertSala(salaId);
    if (participantId !== null && this.#memberOf.get(participantId) !== salaId) {
      throw new AppError('NOT_IN_SALA', 'Solo un miembro de la sala puede tener uno de sus roles.');
    }
    return this.#setRole(salaId, role, participantId);
  }

  /** A member claims a free role in their sala: null when they hold it already. */
  claim(participantId: string, salaId: string, role: SalaRole): RosterChange | null {
    this.#assertMember(participantId, salaId);
    const roles = this.#roles.get(salaId)!;
    assertClaim(roles, participantId, role);
    return roles[role] === participantId ? null : this.#setRole(salaId, role, participantId);
  }

  release(participantId: string, salaId: string, role: SalaRole): RosterChange {
    this.#assertMember(participantId, salaId);
    if (this.#roles.get(salaId)![role] !== participantId) throw new AppError('INVALID_STATE', 'No tienes ese rol.');
    return this.#setRole(salaId, role, null);
  }

  /** Makes a stored change true in memory. */
  apply(change: RosterChange): void {
    if (change.member) this.#memberOf.set(change.member.participantId, change.member.salaId);
    for (const { salaId, roles } of change.roles) this.#roles.set(salaId, { ...roles });
  }

  /** One person holds at most one role of a sala: giving them one drops the other. */
  #setRole(salaId: string, role: SalaRole, participantId: string | null): RosterChange {
    const roles = participantId === null ? this.rolesOf(salaId) : this.#without(salaId, participantId);
    roles[role] = participantId;
    return { roles: [{ salaId, roles }] };
  }

  /** The sala's roles with none held by this participant. */
  #without(salaId: string, participantId: string): SalaRoles {
    const roles = this.rolesOf(salaId);
    if (roles.moderator === participantId) roles.moderator = null;
    if (roles.secretary === participantId) roles.secretary = null;
    return roles;
  }

  #assertSala(salaId: string): void {
    if (!this.#roles.has(salaId)) throw new AppError('SALA_NOT_FOUND', 'Esa sala no existe en esta actividad.');
  }

  #assertMember(participantId: string, salaId: string): void {
    this.#assertSala(salaId);
    if (this.#memberOf.get(participantId) !== salaId) throw new AppError('NOT_IN_SALA', 'No estás en esa sala.');
  }
}
