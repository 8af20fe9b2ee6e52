import { describe, expect, it } from 'vitest';
import type { BreakoutActivity } from '../../../shared/types.ts';
import {
  checkedUpdate,
  reconcileSupport,
  salaAgencies,
  supportRequests,
  type StoredSupportEntry,
} from '../../../server/domain/support-register.ts';
import { codeOf } from '../app-error.ts';

const breakout: BreakoutActivity = {
  id: 'b',
  kind: 'breakout',
  title: 'Salas',
  instructions: [],
  mode: 'random',
  sizing: { by: 'count', count: 2 },
  discussionSeconds: 60,
  returnSeconds: 30,
  questions: [
    { id: 'exp', text: '¿Qué hemos hecho?' },
    {
      id: 'apoyo',
      text: '¿Qué apoyo esperamos?',
      supportOptions: [
        { id: 'informacion', label: 'Información' },
        { id: 'formacion', label: 'Formación' },
      ],
    },
  ],
};

const entry = (over: Partial<StoredSupportEntry>): StoredSupportEntry => ({
  id: 'e',
  sessionId: 's',
  activityId: 'syn',
  salaId: 'sala',
  salaName: 'Sala 1',
  kindId: 'formacion',
  kindLabel: 'Formación',
  text: 'Talleres',
  agencies: [],
  status: 'recibido',
  note: '',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('supportRequests', () => {
  it('is one request per kind ticked, each with the support question’s words', () => {
    const requests = supportRequests(breakout, {
      fields: { exp: 'Pausas', apoyo: '  Talleres para jefaturas ' },
      support: ['formacion', 'informacion'],
    });
    expect(requests).toEqual([
      { kindId: 'informacion', kindLabel: 'Información', text: 'Talleres para jefaturas' },
      { kindId: 'formacion', kindLabel: 'Formación', text: 'Talleres para jefaturas' },
    ]);
  });

  it('keeps words written with nothing ticked as a request of no kind, and nothing when both are empty', () => {
    expect(supportRequests(breakout, { fields: { apoyo: 'Una red' }, support: [] })).toEqual([
      { kindId: null, kindLabel: null, text: 'Una red' },
    ]);
    expect(supportRequests(breakout, { fields: { exp: 'Pausas', apoyo: '   ' }, support: [] })).toEqual([]);
  });
});

describe('reconcileSupport', () => {
  it('inserts new kinds, updates the words of kinds still asked, keeps status and note', () => {
    const existing = [entry({ id: 'f', status: 'en-curso', note: 'Curso' })];
    const changes = reconcileSupport(
      existing,
      [
        { kindId: 'formacion', kindLabel: 'Formación', text: 'Talleres y cursos' },
        { kindId: 'informacion', kindLabel: 'Información', text: 'Talleres y cursos' },
      ],
      ['IPS'],
    );
    expect(changes).toEqual({
      insert: [{ kindId: 'informacion', kindLabel: 'Información', text: 'Talleres y cursos' }],
      update: [{ id: 'f', text: 'Talleres y cursos', kindLabel: 'Formación', agencies: ['IPS'] }],
      remove: [],
    });
  });

  it('removes a kind no longer ticked only while Servicio Civil has not touched it', () => {
    const existing = [
      entry({ id: 'new' }),
      entry({ id: 'worked', kindId: 'informacion', kindLabel: 'Información', note: 'Enviamos la guía' }),
    ];
    expect(reconcileSupport(existing, [], []).remove).toEqual(['new']);
  });

  it('changes nothing when the same synthesis is submitted again', () => {
    const existing = [entry({ id: 'f', agencies: ['IPS'] })];
    const same = reconcileSupport(existing, [{ kindId: 'formacion', kindLabel: 'Formación', text: 'Talleres' }], ['IPS']);
    expect(same).toEqual({ insert: [], update: [], remove: [] });
  });
});

describe('salaAgencies', () => {
  it('names each agency its members said once, in the session’s order, and none for who did not say', () => {
    expect(salaAgencies(['IPS', 'SII', 'FONASA'], ['FONASA', null, 'IPS', 'FONASA'])).toEqual(['IPS', 'FONASA']);
    expect(salaAgencies(['IPS'], [null, null])).toEqual([]);
  });
});

describe('checkedUpdate', () => {
  it('trims the note and accepts every status', () => {
    expect(checkedUpdate('entregado', '  Curso en marzo ')).toEqual({ status: 'entregado', note: 'Curso en marzo' });
  });

  it('refuses an unknown status and a note over the limit', () => {
    expect(codeOf(() => checkedUpdate('hecho', ''))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkedUpdate('en-curso', 'x'.repeat(281)))).toBe('VALIDATION_FAILED');
    expect(checkedUpdate('en-curso', `${'x'.repeat(280)}  `).note).toHaveLength(280);
  });
});
