import { describe, expect, it } from 'vitest';
import { codeOf } from '../app-error.ts';
import { SalaRoster } from '../../../server/domain/sala-roster.ts';

/** Two salas: ana and ben in s1 (ana its secretary), cleo in s2; dan not placed. */
function roster(): SalaRoster {
  return new SalaRoster(
    ['s1', 's2'],
    [
      { participantId: 'ana', salaId: 's1' },
      { participantId: 'ben', salaId: 's1' },
      { participantId: 'cleo', salaId: 's2' },
    ],
    [{ salaId: 's1', role: 'secretary', participantId: 'ana' }],
  );
}

describe('SalaRoster', () => {
  it('tells who is where and who holds which role', () => {
    const r = roster();
    expect(r.salaIds).toEqual(['s1', 's2']);
    expect(r.membersOf('s1')).toEqual(['ana', 'ben']);
    expect(r.salaOf('dan')).toBeNull();
    expect(r.roleOf('ana')).toBe('secretary');
    expect(r.roleOf('ben')).toBeNull();
    expect(r.rolesOf('s2')).toEqual({ moderator: null, secretary: null });
  });

  describe('move', () => {
    it('puts someone in another sala and drops the role they held in the one they leave', () => {
      const r = roster();
      const change = r.move('ana', 's2');
      expect(change).toEqual({
        member: { participantId: 'ana', salaId: 's2' },
        roles: [{ salaId: 's1', roles: { moderator: null, secretary: null } }],
      });
      expect(r.salaOf('ana')).toBe('s1');
      r.apply(change);
      expect(r.salaOf('ana')).toBe('s2');
      expect(r.rolesOf('s1').secretary).toBeNull();
    });

    it('changes no roles for someone who held none', () => {
      expect(roster().move('ben', 's2')).toEqual({ member: { participantId: 'ben', salaId: 's2' }, roles: [] });
      expect(roster().move('dan', 's1')).toEqual({ member: { participantId: 'dan', salaId: 's1' }, roles: [] });
    });

    it('drops a role even when the sala is the same (the facilitator placing someone again)', () => {
      expect(roster().move('ana', 's1').roles).toEqual([{ salaId: 's1', roles: { moderator: null, secretary: null } }]);
    });

    it('refuses a sala that is not one of the breakout’s', () => {
      expect(codeOf(() => roster().move('ana', 's9'))).toBe('SALA_NOT_FOUND');
    });
  });

  it('places a late joiner in the smallest sala, the first one on ties', () => {
    const r = roster();
    r.apply(r.placeLate('dan'));
    expect(r.salaOf('dan')).toBe('s2');
    r.apply(r.placeLate('eva'));
    expect(r.salaOf('eva')).toBe('s1');
  });

  describe('roles', () => {
    it('a facilitator gives a role to a member, taking it from whoever held it and dropping the member’s other role', () => {
      const r = roster();
      expect(r.assign('s1', 'secretary', 'ben')).toEqual({ roles: [{ salaId: 's1', roles: { moderator: null, secretary: 'ben' } }] });
      r.apply(r.assign('s1', 'moderator', 'ana'));
      expect(r.rolesOf('s1')).toEqual({ moderator: 'ana', secretary: null });
      expect(r.assign('s1', 'moderator', null)).toEqual({ roles: [{ salaId: 's1', roles: { moderator: null, secretary: null } }] });
      expect(codeOf(() => r.assign('s1', 'moderator', 'cleo'))).toBe('NOT_IN_SALA');
    });

    it('a member claims a free role of their own sala; holding it already changes nothing', () => {
      const r = roster();
      expect(r.claim('ben', 's1', 'moderator')).toEqual({ roles: [{ salaId: 's1', roles: { moderator: 'ben', secretary: 'ana' } }] });
      expect(r.claim('ana', 's1', 'secretary')).toBeNull();
      expect(codeOf(() => r.claim('ben', 's1', 'secretary'))).toBe('ROLE_TAKEN');
      expect(codeOf(() => r.claim('ana', 's1', 'moderator'))).toBe('INVALID_STATE');
      expect(codeOf(() => r.claim('cleo', 's1', 'moderator'))).toBe('NOT_IN_SALA');
      expect(codeOf(() => r.claim('cleo', 's9', 'moderator'))).toBe('SALA_NOT_FOUND');
    });

    it('a holder releases their role; no one else can', () => {
      const r = roster();
      expect(codeOf(() => r.release('ben', 's1', 'secretary'))).toBe('INVALID_STATE');
      expect(r.release('ana', 's1', 'secretary')).toEqual({ roles: [{ salaId: 's1', roles: { moderator: null, secretary: null } }] });
    });
  });

  it('hands out copies: changing what it returned does not change it', () => {
    const r = roster();
    r.rolesOf('s1').secretary = 'ben';
    r.membersOf('s1').push('zoe');
    expect(r.rolesOf('s1').secretary).toBe('ana');
    expect(r.membersOf('s1')).toEqual(['ana', 'ben']);
  });
});
