import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import { SessionFieldsForm } from '../../../client/src/lib/session-fields.svelte.ts';
import { NEW_SERIES } from '../../../client/src/lib/workspace.ts';
import { details, fakePort, refused } from './workspace-fakes.ts';

describe('SessionFieldsForm', () => {
  it('is complete with a title, agencies within the limits, and a name for a new series', () => {
    const form = new SessionFieldsForm();
    expect(form.complete).toBe(false);
    form.title = '   ';
    expect(form.complete).toBe(false);
    form.title = 'Sesión 1';
    expect(form.complete).toBe(true);
    form.series = NEW_SERIES;
    expect(form.complete).toBe(false);
    form.newSeriesTitle = 'Serie 2026';
    expect(form.complete).toBe(true);
    form.agenciesText = Array.from({ length: LIMITS.agenciesMax + 1 }, (_, i) => `Servicio ${i}`).join('\n');
    expect(form.complete).toBe(false);
  });

  it('reads the agencies one per line, repeats once', () => {
    const form = new SessionFieldsForm();
    form.agenciesText = ' IPS \n\nips\nRegistro Civil\n';
    expect(form.agencies).toEqual(['IPS', 'Registro Civil']);
  });

  it('differs from the stored facts only where a field says something else', () => {
    const stored = details('s1', { title: 'Sesión 1', seriesId: 'r1', agencies: ['IPS', 'FONASA'], namesInReports: false });
    const form = new SessionFieldsForm();
    form.fill(stored);
    expect(form.differsFrom(stored)).toBe(false);
    form.title = ' Sesión 1 ';
    form.agenciesText = 'IPS\n\nFONASA\nips\n';
    expect(form.differsFrom(stored)).toBe(false);
    form.namesInReports = true;
    expect(form.differsFrom(stored)).toBe(true);
    form.namesInReports = false;
    form.locale = 'en';
    expect(form.differsFrom(stored)).toBe(true);
    form.locale = 'es-CL';
    expect(form.differsFrom(stored)).toBe(false);
    form.series = '';
    expect(form.differsFrom(stored)).toBe(true);
  });

  it('sends the fields as the server takes them', async () => {
    const { port } = fakePort();
    const form = new SessionFieldsForm();
    form.title = '  Sesión 1 ';
    form.series = 'r9';
    form.agenciesText = 'IPS\n\nips\nFONASA';
    form.namesInReports = true;
    const listed: unknown[] = [];
    expect(await form.toSend(port.workspace, (series) => listed.push(series))).toEqual({
      ok: true,
      data: { title: 'Sesión 1', seriesId: 'r9', agencies: ['IPS', 'FONASA'], namesInReports: true, locale: 'es-CL' },
    });
    form.locale = 'en';
    expect(await form.toSend(port.workspace, (series) => listed.push(series))).toMatchObject({ ok: true, data: { locale: 'en' } });
    form.series = '';
    expect(await form.toSend(port.workspace, (series) => listed.push(series))).toMatchObject({ ok: true, data: { seriesId: null } });
    expect(listed).toEqual([]);
  });

  it('creates a new series once, then sends its id without creating another', async () => {
    const { port, workspace } = fakePort();
    const form = new SessionFieldsForm();
    form.title = 'Sesión 1';
    form.series = NEW_SERIES;
    form.newSeriesTitle = '  Serie 2026 ';
    const listed: Array<{ id: string; title: string }> = [];
    const first = await form.toSend(port.workspace, (series) => listed.push(series));
    expect(first).toMatchObject({ ok: true, data: { seriesId: 'r1' } });
    expect(listed).toEqual([expect.objectContaining({ id: 'r1', title: 'Serie 2026' })]);
    expect(form.series).toBe('r1');
    expect(form.newSeriesTitle).toBe('');
    expect(await form.toSend(port.workspace, (series) => listed.push(series))).toMatchObject({ ok: true, data: { seriesId: 'r1' } });
    expect(workspace.createSeries).toHaveBeenCalledTimes(1);
    expect(listed).toHaveLength(1);
  });

  it('keeps the new series asked for when the server refuses it', async () => {
    const { port, workspace } = fakePort();
    workspace.createSeries.mockResolvedValueOnce(refused('RATE_LIMITED'));
    const form = new SessionFieldsForm();
    form.series = NEW_SERIES;
    form.newSeriesTitle = 'Serie 2026';
    expect(await form.toSend(port.workspace, () => {})).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(form.series).toBe(NEW_SERIES);
    expect(form.newSeriesTitle).toBe('Serie 2026');
  });

  it('copies an earlier session’s series and agencies only where the form has none', () => {
    const earlier = { series: { id: 'r1' }, agencies: ['IPS', 'FONASA'] };
    const empty = new SessionFieldsForm();
    expect(empty.copyFrom(earlier)).toBe(true);
    expect(empty.series).toBe('r1');
    expect(empty.agencies).toEqual(['IPS', 'FONASA']);

    const own = new SessionFieldsForm();
    own.series = 'r2';
    own.agenciesText = 'Registro Civil';
    expect(own.copyFrom(earlier)).toBe(false);
    expect(own.series).toBe('r2');
    expect(own.agencies).toEqual(['Registro Civil']);
    expect(own.copyFrom({ series: null, agencies: [] })).toBe(false);

    const foreign = new SessionFieldsForm();
    expect(foreign.copyFrom(earlier, (id) => id !== 'r1')).toBe(true);
    expect(foreign.series).toBe('');
    expect(foreign.agencies).toEqual(['IPS', 'FONASA']);
  });
});
