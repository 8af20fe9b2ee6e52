import { describe, expect, it } from 'vitest';
import {
  SIGN_IN_ATTEMPT_TTL_MS,
  attemptExpired,
  identityName,
  isEmailAllowed,
  parseAllowEntry,
  verifiedEmail,
} from '../../../server/domain/oidc.ts';

describe('parseAllowEntry', () => {
  it.each([
    ['ana@servicio.cl', 'ana@servicio.cl'],
    ['  Ana.Rojas@Servicio.CL ', 'ana.rojas@servicio.cl'],
    ['servicio.cl', '@servicio.cl'],
    ['@Servicio.cl', '@servicio.cl'],
    ['sub.dominio-uno.gob.cl', '@sub.dominio-uno.gob.cl'],
  ])('keeps %j as %j', (text, entry) => {
    expect(parseAllowEntry(text)).toBe(entry);
  });

  it.each(['', 'servicio', 'ana@', '@', '@.cl', 'dos palabras.cl', '-malo.cl', 'ana@@servicio.cl', 'servicio.c'])('refuses %j', (text) => {
    expect(parseAllowEntry(text)).toBeNull();
  });
});

describe('isEmailAllowed', () => {
  const entries = ['@servicio.cl', 'invitada@externa.cl'];

  it('lets in an address on the list and every address of a listed domain, in any case', () => {
    expect(isEmailAllowed('ana@servicio.cl', entries)).toBe(true);
    expect(isEmailAllowed('Invitada@Externa.cl', entries)).toBe(true);
  });

  it("keeps out other addresses of a listed address's domain, subdomains and look-alike domains", () => {
    expect(isEmailAllowed('otra@externa.cl', entries)).toBe(false);
    expect(isEmailAllowed('ana@rrhh.servicio.cl', entries)).toBe(false);
    expect(isEmailAllowed('ana@noservicio.cl', entries)).toBe(false);
    expect(isEmailAllowed('ana@servicio.cl.evil.com', entries)).toBe(false);
    expect(isEmailAllowed('ana@servicio.cl', [])).toBe(false);
  });
});

describe('attemptExpired', () => {
  it('gives an attempt exactly its time, not a millisecond more', () => {
    expect(attemptExpired(1_000, 1_000 + SIGN_IN_ATTEMPT_TTL_MS)).toBe(false);
    expect(attemptExpired(1_000, 1_001 + SIGN_IN_ATTEMPT_TTL_MS)).toBe(true);
  });
});

describe('verifiedEmail', () => {
  it('trusts an email unless the provider says it is not verified', () => {
    expect(verifiedEmail({ email: 'Ana@Servicio.cl', email_verified: true })).toBe('ana@servicio.cl');
    expect(verifiedEmail({ email: 'ana@servicio.cl' })).toBe('ana@servicio.cl');
    expect(verifiedEmail({ email: 'ana@servicio.cl', email_verified: false })).toBeNull();
    expect(verifiedEmail({ email: 'ana@servicio.cl', email_verified: 'false' })).toBeNull();
  });

  it('has none to trust without an email claim shaped like one', () => {
    expect(verifiedEmail({})).toBeNull();
    expect(verifiedEmail({ email: 42 })).toBeNull();
    expect(verifiedEmail({ email: 'no-es-un-correo' })).toBeNull();
  });
});

describe('identityName', () => {
  it('takes the name, else given and family names, else the local part, cut to the limit', () => {
    expect(identityName({ name: ' Ana Rojas ' }, 'ana@servicio.cl', 100)).toBe('Ana Rojas');
    expect(identityName({ given_name: 'Bea', family_name: 'Muñoz' }, 'bea@servicio.cl', 100)).toBe('Bea Muñoz');
    expect(identityName({ given_name: 'Bea' }, 'bea@servicio.cl', 100)).toBe('Bea');
    expect(identityName({ name: '' }, 'carla.p@servicio.cl', 100)).toBe('carla.p');
    expect(identityName({ name: 'x'.repeat(150) }, 'x@servicio.cl', 100)).toHaveLength(100);
  });
});
