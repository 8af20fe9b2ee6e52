import { describe, expect, it } from 'vitest';
import type { SalaSynthesis, SynthesisContent } from '../../../shared/types.ts';
import {
  edited,
  initialDraft,
  isStoredDraft,
  keepMine,
  nextSave,
  remoteChanged,
  saveAcknowledged,
  saveRefused,
  saveStatus,
  takeTheirs,
  toStored,
  type DraftState,
} from '../../../client/src/lib/synthesis-draft.ts';

const content = (experiencias: string, support: string[] = []): SynthesisContent => ({ fields: { experiencias }, support });
const server = (version: number, text: string | null, patch: Partial<SalaSynthesis> = {}): SalaSynthesis => ({
  salaId: 's1',
  version,
  submittedAt: null,
  hidden: false,
  updatedAt: version > 0 ? 1000 : null,
  firstSavedAt: version > 0 ? 1000 : null,
  content: text === null ? null : content(text),
  ...patch,
});
let counter = 0;
const id = () => `save-${++counter}`;

/** A fresh draft on an empty synthesis, typed into. */
const typed = (text: string): DraftState => edited(initialDraft(null, server(0, null), true), content(text));

describe('initialDraft', () => {
  it('starts from the server when the phone kept nothing', () => {
    const draft = initialDraft(null, server(3, 'del servidor'), true);
    expect(draft).toMatchObject({ content: content('del servidor'), baseVersion: 3, dirty: false, inFlight: null, locked: false });
  });

  it('brings back text typed before a reload, unsaved, over the server’s older version', () => {
    const stored = { content: content('a medio escri'), baseVersion: 2, dirty: true, inFlight: null };
    const draft = initialDraft(stored, server(2, 'guardado'), true);
    expect(draft.content).toEqual(content('a medio escri'));
    expect(draft.dirty).toBe(true);
    expect(nextSave(draft, id)?.save).toMatchObject({ baseVersion: 2, content: content('a medio escri') });
  });

  it('keeps a save that was in flight, to retry it with the same id even if the server stored it meanwhile', () => {
    const inFlight = { clientSaveId: 'kept-id-1', baseVersion: 2, content: content('enviado') };
    const draft = initialDraft({ content: content('enviado'), baseVersion: 2, dirty: false, inFlight }, server(3, 'enviado'), true);
    expect(nextSave(draft, id)?.save.clientSaveId).toBe('kept-id-1');
  });

  it('is locked when the writing is closed or the synthesis submitted', () => {
    expect(initialDraft(null, server(1, 'x'), false).locked).toBe(true);
  });
});

describe('saving', () => {
  it('sends one save at a time and retries the same one until answered', () => {
    const first = nextSave(typed('hola'), id)!;
    expect(first.save).toMatchObject({ baseVersion: 0, content: content('hola') });
    expect(first.state.dirty).toBe(false);
    // More typing while it is out: the retry is still the same save.
    const more = edited(first.state, content('hola mundo'));
    expect(nextSave(more, id)?.save).toBe(first.save);
    // Acknowledged: version 1, and the newer text goes next, on version 1.
    const acked = saveAcknowledged(more, first.save, server(1, 'hola'));
    expect(acked).toMatchObject({ baseVersion: 1, dirty: true, inFlight: null });
    expect(nextSave(acked, id)?.save).toMatchObject({ baseVersion: 1, content: content('hola mundo') });
  });

  it('has nothing to send when everything is saved', () => {
    const first = nextSave(typed('hola'), id)!;
    const acked = saveAcknowledged(first.state, first.save, server(1, 'hola'));
    expect(nextSave(acked, id)).toBeNull();
    expect(toStored(acked)).toBeNull();
    expect(saveStatus(acked, true)).toEqual({ kind: 'saved', version: 1 });
  });

  it('keeps the text in storage while anything is unsaved or unanswered', () => {
    const state = typed('hola');
    expect(toStored(state)).toMatchObject({ content: content('hola'), dirty: true });
    const sent = nextSave(state, id)!.state;
    expect(toStored(sent)?.inFlight).not.toBeNull();
  });

  it('ignores an answer to a save it no longer waits for', () => {
    const first = nextSave(typed('hola'), id)!;
    const other = { ...first.save, clientSaveId: 'another' };
    expect(saveAcknowledged(first.state, other, server(1, 'hola'))).toBe(first.state);
    expect(saveRefused(first.state, other, 'STALE_VERSION', null)).toBe(first.state);
  });
});

describe('a newer version from another device', () => {
  it('is a conflict when the save is refused as stale: local text kept, the newer shown', () => {
    const first = nextSave(typed('mío'), id)!;
    const refused = saveRefused(first.state, first.save, 'STALE_VERSION', server(1, 'del computador'));
    expect(refused.conflict).toEqual({ version: 1, content: content('del computador') });
    expect(refused.content).toEqual(content('mío'));
    expect(nextSave(refused, id)).toBeNull();
    expect(saveStatus(refused, true)).toEqual({ kind: 'stale' });
  });

  it('waits for the newer version when it has not arrived yet, then asks', () => {
    const first = nextSave(typed('mío'), id)!;
    const refused = saveRefused(first.state, first.save, 'STALE_VERSION', server(0, null));
    expect(refused).toMatchObject({ awaitingLatest: true, conflict: null });
    expect(saveStatus(refused, true)).toEqual({ kind: 'stale' });
    const arrived = remoteChanged(refused, server(1, 'del computador'), true);
    expect(arrived).toMatchObject({ awaitingLatest: false, conflict: { version: 1, content: content('del computador') } });
  });

  it('keeping mine saves it on top of the newer version', () => {
    const first = nextSave(typed('mío'), id)!;
    const kept = keepMine(saveRefused(first.state, first.save, 'STALE_VERSION', server(4, 'otro')));
    expect(nextSave(kept, id)?.save).toMatchObject({ baseVersion: 4, content: content('mío') });
  });

  it('taking theirs replaces the local text, with nothing left to save', () => {
    const first = nextSave(typed('mío'), id)!;
    const taken = takeTheirs(saveRefused(first.state, first.save, 'STALE_VERSION', server(4, 'otro')));
    expect(taken).toMatchObject({ content: content('otro'), baseVersion: 4, dirty: false, conflict: null });
    expect(nextSave(taken, id)).toBeNull();
  });

  it('replaces text that was already saved (a second device of the same secretary)', () => {
    const first = nextSave(typed('v1'), id)!;
    const saved = saveAcknowledged(first.state, first.save, server(1, 'v1'));
    expect(remoteChanged(saved, server(2, 'v2 desde el computador'), true)).toMatchObject({
      content: content('v2 desde el computador'),
      baseVersion: 2,
      conflict: null,
    });
  });

  it('asks instead of replacing text typed and not yet saved', () => {
    const first = nextSave(typed('v1'), id)!;
    const saved = saveAcknowledged(first.state, first.save, server(1, 'v1'));
    const typing = edited(saved, content('v1 y más'));
    const next = remoteChanged(typing, server(2, 'v2'), true);
    expect(next.content).toEqual(content('v1 y más'));
    expect(next.conflict).toEqual({ version: 2, content: content('v2') });
  });

  it('does not mistake its own save’s broadcast, arriving before the ack, for someone else’s', () => {
    const first = nextSave(typed('mío'), id)!;
    const broadcast = remoteChanged(first.state, server(1, 'mío'), true);
    expect(broadcast.conflict).toBeNull();
    expect(saveAcknowledged(broadcast, first.save, server(1, 'mío'))).toMatchObject({ baseVersion: 1, conflict: null });
  });

  it('asks when the ack shows that someone saved again after this save', () => {
    const first = nextSave(typed('mío'), id)!;
    const acked = saveAcknowledged(first.state, first.save, server(2, 'de otro'));
    expect(acked).toMatchObject({ dirty: true, conflict: { version: 2, content: content('de otro') } });
  });
});

describe('locking', () => {
  it('keeps the text, unsaved, when the writing is closed', () => {
    const first = nextSave(typed('última idea'), id)!;
    const locked = saveRefused(first.state, first.save, 'SYNTHESIS_LOCKED', null);
    expect(locked).toMatchObject({ locked: true, dirty: true, content: content('última idea') });
    expect(nextSave(locked, id)).toBeNull();
    expect(toStored(locked)?.content).toEqual(content('última idea'));
    expect(saveStatus(locked, true)).toEqual({ kind: 'locked' });
  });

  it('unlocks when the facilitator reopens, and the unsaved text goes out', () => {
    const first = nextSave(typed('última idea'), id)!;
    const locked = saveRefused(first.state, first.save, 'SYNTHESIS_LOCKED', null);
    const reopened = remoteChanged(locked, server(0, null), true);
    expect(reopened.locked).toBe(false);
    expect(nextSave(reopened, id)?.save.content).toEqual(content('última idea'));
  });

  it('stops after another refusal until the next edit', () => {
    const first = nextSave(typed('x'), id)!;
    const refused = saveRefused(first.state, first.save, 'NOT_SECRETARY', null);
    expect(nextSave(refused, id)).toBeNull();
    expect(saveStatus(refused, true)).toEqual({ kind: 'error', code: 'NOT_SECRETARY' });
    expect(nextSave(edited(refused, content('xy')), id)).not.toBeNull();
  });
});

describe('saveStatus', () => {
  it('says offline while unsaved text waits for the connection', () => {
    expect(saveStatus(typed('x'), false)).toEqual({ kind: 'offline' });
    expect(saveStatus(typed('x'), true)).toEqual({ kind: 'saving' });
    expect(saveStatus(initialDraft(null, server(0, null), true), true)).toEqual({ kind: 'empty' });
  });
});

describe('isStoredDraft', () => {
  it('accepts what toStored writes and refuses other shapes', () => {
    expect(isStoredDraft(toStored(typed('x')))).toBe(true);
    expect(isStoredDraft(toStored(nextSave(typed('x'), id)!.state))).toBe(true);
    expect(isStoredDraft({ content: { fields: { a: 1 }, support: [] }, baseVersion: 0, dirty: true, inFlight: null })).toBe(false);
    expect(isStoredDraft({ content: content('x'), baseVersion: '0', dirty: true, inFlight: null })).toBe(false);
    expect(isStoredDraft(null)).toBe(false);
  });
});
