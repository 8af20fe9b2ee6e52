import { describe, expect, it } from 'vitest';
import {
  agendaEditorPath,
  consolePath,
  joinKeyFromHash,
  matchRoute,
  tokenFromHash,
  workspaceSessionPath,
} from '../../../client/src/lib/routes.ts';

describe('matchRoute', () => {
  it('sends / to the home screen', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('')).toEqual({ name: 'home' });
  });

  it('sends /j to the join screen without a code', () => {
    expect(matchRoute('/j')).toEqual({ name: 'join', code: null });
    expect(matchRoute('/j/')).toEqual({ name: 'join', code: null });
  });

  it('sends /j/<code> to the join screen with that code', () => {
    expect(matchRoute('/j/482913')).toEqual({ name: 'join', code: '482913' });
  });

  it('decodes the code as typed in the link, leaving its checking to the join screen', () => {
    expect(matchRoute('/j/482%20913')).toEqual({ name: 'join', code: '482 913' });
    expect(matchRoute('/j/abc')).toEqual({ name: 'join', code: 'abc' });
  });

  it('sends /facilitate/<id> and /present/<id> to the console and the presenter screen', () => {
    expect(matchRoute('/facilitate/V1StGXR8_Z5jdHi6B-myT')).toEqual({ name: 'facilitate', sessionId: 'V1StGXR8_Z5jdHi6B-myT' });
    expect(matchRoute('/present/V1StGXR8_Z5jdHi6B-myT')).toEqual({ name: 'present', sessionId: 'V1StGXR8_Z5jdHi6B-myT' });
  });

  it('ignores trailing slashes', () => {
    expect(matchRoute('/j/482913/')).toEqual({ name: 'join', code: '482913' });
    expect(matchRoute('/facilitate/s1/')).toEqual({ name: 'facilitate', sessionId: 's1' });
    expect(matchRoute('/present/s1//')).toEqual({ name: 'present', sessionId: 's1' });
  });

  it('needs a session id for the console and the presenter screen', () => {
    expect(matchRoute('/facilitate')).toEqual({ name: 'not-found' });
    expect(matchRoute('/facilitate/')).toEqual({ name: 'not-found' });
    expect(matchRoute('/present')).toEqual({ name: 'not-found' });
  });

  it('refuses unknown paths and extra segments', () => {
    expect(matchRoute('/admin')).toEqual({ name: 'not-found' });
    expect(matchRoute('/join/482913')).toEqual({ name: 'not-found' });
    expect(matchRoute('/j/482913/extra')).toEqual({ name: 'not-found' });
    expect(matchRoute('/facilitate/s1/edit')).toEqual({ name: 'not-found' });
    expect(matchRoute('/present/s1/x/y')).toEqual({ name: 'not-found' });
  });

  it('sends /facilitate/<id>/agenda to the agenda editor', () => {
    expect(matchRoute('/facilitate/s1/agenda')).toEqual({ name: 'agenda', sessionId: 's1' });
    expect(matchRoute('/facilitate/s1/agenda/')).toEqual({ name: 'agenda', sessionId: 's1' });
    expect(matchRoute('/present/s1/agenda')).toEqual({ name: 'not-found' });
    expect(matchRoute('/facilitate/s1/agenda/x')).toEqual({ name: 'not-found' });
    expect(matchRoute('/facilitate/%/agenda')).toEqual({ name: 'not-found' });
  });

  it('sends /signin to the sign-in screen and /admin/accounts to the accounts screen', () => {
    expect(matchRoute('/signin')).toEqual({ name: 'signin' });
    expect(matchRoute('/signin/')).toEqual({ name: 'signin' });
    expect(matchRoute('/admin/accounts')).toEqual({ name: 'accounts' });
    expect(matchRoute('/admin/accounts/')).toEqual({ name: 'accounts' });
    expect(matchRoute('/signin/x')).toEqual({ name: 'not-found' });
    expect(matchRoute('/admin/accounts/x')).toEqual({ name: 'not-found' });
    expect(matchRoute('/admin/other')).toEqual({ name: 'not-found' });
  });

  it('sends /experiences to the experience catalogue', () => {
    expect(matchRoute('/experiences')).toEqual({ name: 'experiences' });
    expect(matchRoute('/experiences/')).toEqual({ name: 'experiences' });
    expect(matchRoute('/experiences/x')).toEqual({ name: 'not-found' });
  });

  it('sends /support to the support register', () => {
    expect(matchRoute('/support')).toEqual({ name: 'support' });
    expect(matchRoute('/support/x')).toEqual({ name: 'not-found' });
  });

  it('sends /admin/audit to the audit trail', () => {
    expect(matchRoute('/admin/audit')).toEqual({ name: 'audit' });
    expect(matchRoute('/admin/audit/')).toEqual({ name: 'audit' });
    expect(matchRoute('/admin/audit/x')).toEqual({ name: 'not-found' });
  });

  it('sends /sessions to the workspace and /sessions/<id> to a session of it', () => {
    expect(matchRoute('/sessions')).toEqual({ name: 'sessions' });
    expect(matchRoute('/sessions/')).toEqual({ name: 'sessions' });
    expect(matchRoute('/sessions/V1StGXR8_Z5jdHi6B-myT')).toEqual({ name: 'session', sessionId: 'V1StGXR8_Z5jdHi6B-myT' });
    expect(matchRoute(workspaceSessionPath('s_1'))).toEqual({ name: 'session', sessionId: 's_1' });
    expect(matchRoute('/sessions/s1/x')).toEqual({ name: 'not-found' });
    expect(matchRoute('/sessions/%')).toEqual({ name: 'not-found' });
  });

  it('answers not-found for a malformed escape instead of throwing', () => {
    expect(matchRoute('/j/%E0%A4%A')).toEqual({ name: 'not-found' });
    expect(matchRoute('/present/%')).toEqual({ name: 'not-found' });
  });
});

describe('console and editor paths', () => {
  it('carry the token in the fragment and round-trip through matchRoute and tokenFromHash', () => {
    const editor = new URL(agendaEditorPath('s_1', 'Zx-9_aB3'), 'http://localhost');
    expect(matchRoute(editor.pathname)).toEqual({ name: 'agenda', sessionId: 's_1' });
    expect(tokenFromHash(editor.hash)).toBe('Zx-9_aB3');
    const console = new URL(consolePath('s_1', 'Zx-9_aB3'), 'http://localhost');
    expect(matchRoute(console.pathname)).toEqual({ name: 'facilitate', sessionId: 's_1' });
    expect(tokenFromHash(console.hash)).toBe('Zx-9_aB3');
  });
});

describe('tokenFromHash', () => {
  it('reads the facilitator token from the fragment, with or without the #', () => {
    expect(tokenFromHash('#token=abc')).toBe('abc');
    expect(tokenFromHash('token=abc')).toBe('abc');
  });

  it('keeps the base64url characters of real tokens intact', () => {
    expect(tokenFromHash('#token=Zx-9_aB3')).toBe('Zx-9_aB3');
  });

  it('finds the token among other parameters and decodes escapes', () => {
    expect(tokenFromHash('#lang=en&token=t0k')).toBe('t0k');
    expect(tokenFromHash('#token=a%2Bb')).toBe('a+b');
  });

  it('gives null when there is no token or it is empty', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
});

describe('joinKeyFromHash', () => {
  it('reads the key of a join link, and nothing that is not shaped like one', () => {
    expect(joinKeyFromHash(new URL('https://plenario.test/j/482913#k=Zx-9_aB3cD4eF5gH').hash)).toBe('Zx-9_aB3cD4eF5gH');
    expect(joinKeyFromHash('k=Zx-9_aB3cD4eF5gH')).toBe('Zx-9_aB3cD4eF5gH');
    expect(joinKeyFromHash('')).toBeNull();
    expect(joinKeyFromHash('#k=')).toBeNull();
    expect(joinKeyFromHash('#k=short')).toBeNull();
    expect(joinKeyFromHash('#k=Zx-9_aB3cD4eF5gH%3Cscript')).toBeNull();
    expect(joinKeyFromHash('#token=Zx-9_aB3cD4eF5gH')).toBeNull();
  });
});
