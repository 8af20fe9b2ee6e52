import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLastSeen, writeLastSeen, type LastSeen } from '../../../client/src/lib/last-seen.ts';
import { storageKeys } from '../../../client/src/lib/storage.ts';
import { MemoryStorage, stubWindow } from './web-storage.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const live: LastSeen['live'] = {
  currentActivityId: 'uno',
  resultsVisible: false,
  blank: false,
  presenterNotes: false,
  answering: { uno: 'open' },
  keepOpen: [],
  participantCount: 3,
  status: 'open',
};

const seen: LastSeen = {
  session: {
    id: 's1',
    code: '482913',
    title: 'Bienestar psicológico — Sesión 2',
    createdAt: 1,
    locale: 'es-CL',
    agenda: [{ id: 'uno', kind: 'choice', title: 'Pregunta uno', multiple: false, options: [{ id: 'a', label: 'A' }] }],
    live,
    joinUrl: 'https://plenario.example/j/482913',
  },
  live,
  participantId: 'p1',
};

describe('what a phone last saw of its session', () => {
  it('comes back as written, per join code', () => {
    stubWindow(new MemoryStorage());
    writeLastSeen('482913', seen);
    expect(readLastSeen('482913')).toEqual(seen);
    expect(readLastSeen('111111')).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '"texto"'],
    ['no agenda', JSON.stringify({ ...seen, session: { ...seen.session, agenda: 'x' } })],
    ['no live state', JSON.stringify({ ...seen, live: null })],
    ['a live state without its status', JSON.stringify({ ...seen, live: { ...live, status: undefined } })],
    ['a participant id that is not text', JSON.stringify({ ...seen, participantId: 7 })],
  ])('is none when storage holds %s (anyone may edit it)', (_label, raw) => {
    const local = new MemoryStorage();
    local.setItem(storageKeys.lastSeen('482913'), raw);
    stubWindow(local);
    expect(readLastSeen('482913')).toBeNull();
  });
});
