import { describe, expect, it } from 'vitest';
import type { SynthesisContent } from '../../../shared/types.ts';
import { rejectionCode } from '../app-error.ts';
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
  const created = await services.sessions.create({
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
  const sala = (await services.breakouts.form(created.id, 'salas')).salas[0]!;
  await services.syntheses.timer(created.id, { activityId: 'syn', action: 'start' });
  let version = 0;
  /** Saves this content as the facilitator and submits it. */
  const submit = async (words: SynthesisContent) => {
    version += 1;
    await services.syntheses.save(created.id, FACILITATOR, {
      activityId: 'syn',
      salaId: sala.id,
      baseVersion: version - 1,
      clientSaveId: `save-${version}`,
      content: words,
    });
    services.settle();
    await services.syntheses.submit(created.id, FACILITATOR, 'syn', sala.id, version);
  };
  services.settle();
  return { ...services, sessionId: created.id, salaId: sala.id, salaName: sala.name, submit };
}

describe('SupportService', () => {
  it('makes one entry per kind asked when the synthesis is submitted, in the submission’s transaction', async () => {
    const { support, storage, sessionId, salaName, submit } = await setUp();
    await submit(content('Talleres para jefaturas', ['formacion', 'informacion']));
    expect(storage.transactions).toEqual([['setSubmitted', 'insertSupport', 'insertSupport']]);
    expect(await support.list(OWNER, {})).toEqual([
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
    await submit(content('Talleres', ['formacion', 'informacion']));
    const [informacion, formacion] = await support.list(OWNER, {});
    await support.update(OWNER, formacion!.id, { status: 'en-curso', note: 'Curso en marzo' }, ACTOR);
    await syntheses.reopen(sessionId, 'syn', salaId);
    // Nothing changes while the synthesis is open again: the register holds what was submitted.
    expect(await support.list(OWNER, {})).toHaveLength(2);
    await submit(content('Talleres y redes', ['formacion']));
    const after = await support.list(OWNER, {});
    expect(after.map((e) => e.id)).toEqual([formacion!.id]);
    expect(after[0]).toMatchObject({ text: 'Talleres y redes', status: 'en-curso', note: 'Curso en marzo' });
    expect(informacion).toBeDefined();
  });

  it('records a status and note with its audit entry in one transaction', async () => {
    const { support, storage, submit, sessionId } = await setUp();
    await submit(content('Talleres', ['formacion']));
    const [entry] = await support.list(OWNER, {});
    storage.transactions.length = 0;
    const updated = await support.update(OWNER, entry!.id, { status: 'entregado', note: '  Curso dictado  ' }, ACTOR);
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
    await submit(content('Talleres', ['formacion']));
    const [entry] = await support.list(OWNER, {});
    storage.transactions.length = 0;
    expect(await support.list(STRANGER, {})).toEqual([]);
    expect(await rejectionCode(() => support.update(STRANGER, entry!.id, { status: 'entregado', note: '' }, ACTOR))).toBe('FORBIDDEN');
    expect(await rejectionCode(() => support.update(OWNER, 'nope', { status: 'entregado', note: '' }, ACTOR))).toBe('NOT_FOUND');
    expect(await rejectionCode(() => support.update(OWNER, entry!.id, { status: 'hecho' as 'entregado', note: '' }, ACTOR))).toBe(
      'VALIDATION_FAILED',
    );
    expect(storage.transactions).toEqual([]);
    expect(await support.list({ accountId: 'admin', admin: true }, {})).toEqual([
      expect.objectContaining({ status: 'recibido', note: '' }),
    ]);
  });

  it('filters by status, and makes the next session’s slide from the entries', async () => {
    const { support, submit, sessionId } = await setUp();
    await submit(content('Talleres', ['formacion', 'informacion']));
    const [first] = await support.list(OWNER, {});
    await support.update(OWNER, first!.id, { status: 'entregado', note: 'Boletín enviado' }, ACTOR);
    expect((await support.list(OWNER, { status: 'entregado' })).map((e) => e.id)).toEqual([first!.id]);
    const slide = await support.retomandoSlide(sessionId, 'es-CL');
    expect(slide?.bullets.map((b) => b.text)).toEqual([
      'Información (1 sala(s))',
      'Lo que pidieron: «Talleres»; lo que hicimos: Boletín enviado',
      'Formación (1 sala(s))',
      'Lo que pidieron: «Talleres»; lo que hicimos: sin nota aún (estado: recibido)',
    ]);
  });
});
