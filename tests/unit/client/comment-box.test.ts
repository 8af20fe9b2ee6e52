import { describe, expect, it } from 'vitest';
import { CommentBox, type CommentPort } from '../../../client/src/lib/comment-box.svelte.ts';
import type { CommentedActivity, FacilitatorComment } from '../../../shared/types.ts';

/** A fake server: the comments it holds, the saves it received, and whether it is reachable. */
function fakePort(initial: string | null = null) {
  const held = new Map<string, string>(initial === null ? [] : [['q1', initial]]);
  const saves: string[] = [];
  let offline = false;
  const port: CommentPort = {
    list: async () => {
      if (offline) return { ok: false, code: 'OFFLINE' };
      const text = held.get('q1');
      const entry: CommentedActivity = {
        activityId: 'q1',
        position: 2,
        kind: 'choice',
        title: '¿Qué me ha pasado?',
        comment: text === undefined ? null : { activityId: 'q1', text, updatedAt: 1 },
      };
      return { ok: true, data: [entry] };
    },
    save: async (activityId, text) => {
      if (offline) return { ok: false, code: 'OFFLINE' };
      saves.push(text);
      const trimmed = text.trim();
      if (trimmed === '') held.delete(activityId);
      else held.set(activityId, trimmed);
      const saved: FacilitatorComment | null = trimmed === '' ? null : { activityId, text: trimmed, updatedAt: 2 };
      return { ok: true, data: saved };
    },
  };
  return { port, held, saves, setOffline: (value: boolean) => (offline = value) };
}

/** Timers run by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    timers: { set: (run: () => void) => (pending.set(++next, run), next), clear: (handle: unknown) => pending.delete(handle as number) },
    runAll: () => {
      const runs = [...pending.values()];
      pending.clear();
      for (const run of runs) run();
    },
    count: () => pending.size,
  };
}

describe('CommentBox', () => {
  it('loads the comment the server holds', async () => {
    const { port } = fakePort('Ya escrito.');
    const box = new CommentBox(port, 'q1', { timers: manualTimers().timers });
    expect(box.status).toBe('loading');
    await box.load();
    expect([box.text, box.status]).toEqual(['Ya escrito.', 'saved']);
  });

  it('saves once after a pause in typing, and at once when left', async () => {
    const server = fakePort();
    const clock = manualTimers();
    const box = new CommentBox(server.port, 'q1', { timers: clock.timers });
    await box.load();
    box.edit('Casi');
    box.edit('Casi nadie eligió «Nada».');
    expect(box.status).toBe('pending');
    expect(clock.count()).toBe(1);
    clock.runAll();
    await Promise.resolve();
    await box.flush();
    expect(server.saves).toEqual(['Casi nadie eligió «Nada».']);
    expect(box.status).toBe('saved');
    // Leaving without a change sends nothing more.
    await box.flush();
    expect(server.saves).toHaveLength(1);
  });

  it('keeps the text when a save fails, says so, and saves it on the next try', async () => {
    const server = fakePort();
    const box = new CommentBox(server.port, 'q1', { timers: manualTimers().timers });
    await box.load();
    server.setOffline(true);
    box.edit('Comentario que no se pierde');
    await box.flush();
    expect([box.text, box.status]).toEqual(['Comentario que no se pierde', 'error']);
    server.setOffline(false);
    await box.flush();
    expect(server.held.get('q1')).toBe('Comentario que no se pierde');
    expect(box.status).toBe('saved');
  });

  it('removes the comment when the text is emptied', async () => {
    const server = fakePort('Algo');
    const box = new CommentBox(server.port, 'q1', { timers: manualTimers().timers });
    await box.load();
    box.edit('  ');
    await box.flush();
    expect(server.held.has('q1')).toBe(false);
    expect(box.status).toBe('saved');
  });

  it('says so when the comments cannot be read', async () => {
    const server = fakePort();
    server.setOffline(true);
    const box = new CommentBox(server.port, 'q1', { timers: manualTimers().timers });
    await box.load();
    expect([box.status, box.loaded]).toEqual(['error', false]);
    server.setOffline(false);
    box.edit('No debe pisar lo que no se pudo leer');
    await box.flush();
    expect(server.saves).toEqual([]);
  });
});
