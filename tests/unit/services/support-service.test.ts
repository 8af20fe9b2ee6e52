import { describe, expect, it } from 'vitest';
import type { SynthesisContent } from '../../../shared/types.ts';
import { codeOf } from '../app-error.ts';
import { breakout, synthesis } from '../fixtures.ts';
import { makeServices, T0 } from './support/services.ts';

const FACILITATOR = { role: 'facilitator' } as const;
const OWNER = { accountId: 'owner', admin: false };
const STRANGER = { accountId: 'stranger', admin: false };
const ACTOR = { kind: 'account', accountId: 'owner', email: 'owner@servicio.cl' } as const;

const content = (apoyo: string, support: string[]): SynthesisContent => ({ fields: { apoyo }, support });

/** A session of `owner` with two agencies and one sala whose members said theirs; writing started. */
async function setUp() {
  const services = makeServices();
  const created = services.sessions.create({
    title: 'Sesión 1',
    ownerAccountId: 'owner',
    agencies: ['IPS', 'SII', 'FONASA'],
    agenda: [
      breakout('salas', {
        sizing: { by: 'count', count: 1 },
        questions: [
          {
            id: 'apoyo',
            text: '¿Qué apoyo esperamos?',
            supportOptions: [
              { id: 'informacion', label: 'Información' },
              { id: 'formacion', label: 'Formación' },
            ],
          },
        ],
      }),
      synthesis('syn'),
    ],
  });
  for (const agency of ['FONASA', null, 'IPS']) {
    const joined = await services.sessions.join({ code: created.code, agency });
    services.presence.connected(created.id, joined.participantId);
  }
  const sala = services.breakouts.form(created.id, 'salas').salas[0]!;
  services.syntheses.timer(created.id, { activityId: 'syn', action: 'start' });
  let version = 0;
  /** Saves this content as the facilitator and submits it. */
  const submit = (words: SynthesisContent) => {
    version += 1;
    services.syntheses.save(created.id, FACILITATOR, {
      activityId: 'syn',
      salaId: sala.id,
      baseVersion: version - 1,
      clientSaveId: `save-${version}`,
      content: words,
    });
    services.settle();
    services.syntheses.submit(created.id, FACILITATOR, 'syn', sala.id, version);
  };
  services.settle();
  return { ...services, sessionId: created.id, salaId: sala.id, salaName: sala.name, submit };
}

describe('SupportService', () => {
  it('makes one entry per kind asked when the synthesis is submitted, in the submission’s transaction', async () => {
    const { support, storage, sessionId, salaName, submit } = await setUp();
    submit(content('Talleres para jefaturas', ['formacion', 'informacion']));
    expect(storage.transactions).toEqual([['setSubmitted', 'insertSupport', 'insertSupport']]);
    expect(support.list(OWNER, {})).toEqual([
      expect.objectContaining({
        sessionId,
        sessionTitle: 'Sesión 1',
        series: null,
        salaName,
        kind: { id: 'informacion', label: 'Información' },
        text: 'Talleres para jefaturas',
        agencies: ['IPS', 'FONASA'],
        status: 'recibido',
        note: '',
        createdAt: T0,
        updatedAt: T0,
      }),
      expect.objectContaining({ kind: { id: 'formacion', label: 'Formación' } }),
    ]);
  });

  it('keeps Servicio Civil’s follow-up when a reopened synthesis is submitted again', async () => {
    const { support, syntheses, sessionId, salaId, submit } = await setUp();
    submit(content('Talleres', ['formacion', 'informacion']));
    const [informacion, formacion] = support.list(OWNER, {});
    support.update(OWNER, formacion!.id, { status: 'en-curso', note: 'Curso en marzo' }, ACTOR);
    syntheses.reopen(sessionId, 'syn', salaId);
    // Nothing changes while the synthesis is open again: the register holds what was submitted.
    expect(support.list(OWNER, {})).toHaveLength(2);
    submit(content('Talleres y redes', ['formacion']));
    const after = support.list(OWNER, {});
    expect(after.map((e) => e.id)).toEqual([formacion!.id]);
    expect(after[0]).toMatchObject({ text: 'Talleres y redes', status: 'en-curso', note: 'Curso en marzo' });
    expect(informacion).toBeDefined();
  });

  it('records a status and note with its audit entry in one transaction', async () => {
    const { support, storage, submit, sessionId } = await setUp();
    submit(content('Talleres', ['formacion']));
    const [entry] = support.list(OWNER, {});
    storage.transactions.length = 0;
    const updated = support.update(OWNER, entry!.id, { status: 'entregado', note: '  Curso dictado  ' }, ACTOR);
    expect(updated).toMatchObject({ status: 'entregado', note: 'Curso dictado' });
    expect(storage.transactions).toEqual([['setSupportStatus', 'audit']]);
    expect(storage.auditRows.at(-1)).toMatchObject({
      action: 'support.updated',
      actor: ACTOR,
      target: { kind: 'session', id: sessionId, label: 'Sesión 1', ownerAccountId: 'owner' },
      detail: { entry: entry!.id, kind: 'Formación', status: 'entregado' },
    });
  });

  it('refuses someone else’s entry, an unknown one and a bad status, writing nothing', async () => {
    const { support, storage, submit } = await setUp();
    submit(content('Talleres', ['formacion']));
    const [entry] = support.list(OWNER, {});
    storage.transactions.length = 0;
    expect(support.list(STRANGER, {})).toEqual([]);
    expect(codeOf(() => support.update(STRANGER, entry!.id, { status: 'entregado', note: '' }, ACTOR))).toBe('FORBIDDEN');
    expect(codeOf(() => support.update(OWNER, 'nope', { status: 'entregado', note: '' }, ACTOR))).toBe('NOT_FOUND');
    expect(codeOf(() => support.update(OWNER, entry!.id, { status: 'hecho' as 'entregado', note: '' }, ACTOR))).toBe('VALIDATION_FAILED');
    expect(storage.transactions).toEqual([]);
    expect(support.list({ accountId: 'admin', admin: true }, {})).toEqual([expect.objectContaining({ status: 'recibido', note: '' })]);
  });

  it('filters by status, and makes the next session’s slide from the entries', async () => {
    const { support, submit, sessionId } = await setUp();
    submit(content('Talleres', ['formacion', 'informacion']));
    const [first] = support.list(OWNER, {});
    support.update(OWNER, first!.id, { status: 'entregado', note: 'Boletín enviado' }, ACTOR);
    expect(support.list(OWNER, { status: 'entregado' }).map((e) => e.id)).toEqual([first!.id]);
    const slide = support.retomandoSlide(sessionId, 'es-CL');
    expect(slide?.bullets.map((b) => b.text)).toEqual([
      'Información (1 sala(s))',
      'Lo que pidieron: «Talleres»; lo que hicimos: Boletín enviado',
      'Formación (1 sala(s))',
      'Lo que pidieron: «Talleres»; lo que hicimos: sin nota aún (estado: recibido)',
    ]);
  });
});
