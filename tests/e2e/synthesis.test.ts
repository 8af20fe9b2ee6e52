import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, BreakoutActivity, CreatedSession, SessionSnapshot, SynthesisActivity } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  eventually,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../integration/support/server.ts';
import { desktopContext, launchBrowser, phoneContext } from './support/browser.ts';
import { PhoneNetwork } from './support/phone-network.ts';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];
/** Every dialog any page opened: a script payload must never run, so this stays empty. */
const dialogs: string[] = [];

beforeAll(async () => {
  server = await startServer({ env: { CLIENT_DIR: clientDir } });
  browser = await launchBrowser();
  mkdirSync(shotsDir, { recursive: true });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
/** The server's URLs name its public host; the test server listens elsewhere. */
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);
const XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">';

async function page(context: Promise<BrowserContext>): Promise<Page> {
  const made = await context;
  contexts.push(made);
  const opened = await made.newPage();
  opened.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

async function joinOnPhone(code: string, displayName: string, network?: PhoneNetwork): Promise<Page> {
  const phone = await page(phoneContext(browser));
  await network?.install(phone);
  await phone.goto(`${server.url}/`);
  await phone.getByTestId('join-code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await phone.getByTestId('join-submit').click();
  await phone.getByTestId('join-display-name').fill(displayName);
  await phone.getByTestId('notice-accept').click();
  // Joined once the server's ack stored the participant token (before that, forming salas would miss this phone).
  await phone.waitForFunction((c) => localStorage.getItem(`plenario:participant:${c}`) !== null, code);
  return phone;
}

async function joinSocket(code: string, displayName?: string): Promise<{ socket: ClientSocket; participantId: string }> {
  const socket = await connect(server.url);
  sockets.push(socket);
  const joined = ok(await request(socket, 'session:join', { code, ...(displayName ? { displayName } : {}) }));
  return { socket, participantId: joined.snapshot.participantId };
}

interface Workshop {
  created: CreatedSession;
  agenda: Activity[];
  breakout: BreakoutActivity;
  synthesis: SynthesisActivity;
  facilitator: Awaited<ReturnType<typeof connectFacilitator>>;
}

async function workshop(title: string): Promise<Workshop> {
  const created = await createSession(server.url, { title, template: 'bienestar-sesion-2' });
  const { session } = await getSession(server.url, created);
  const breakout = session.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
  const synthesis = session.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
  const facilitator = await connectFacilitator(server.url, created);
  sockets.push(facilitator);
  return { created, agenda: session.agenda, breakout, synthesis, facilitator };
}

/** The room answers the questions before the breakout (each opens when the facilitator shows it). */
async function answerEarlierQuestions(w: Workshop, people: ClientSocket[]): Promise<void> {
  for (const [index, activity] of w.agenda.entries()) {
    if (activity.kind !== 'choice' && activity.kind !== 'rating') continue;
    ok(await request(w.facilitator, 'agenda:goto', { activityId: activity.id }));
    for (const [n, socket] of people.entries()) {
      const value =
        activity.kind === 'choice'
          ? { kind: 'choice' as const, optionIds: [activity.options[(n + index) % activity.options.length]!.id] }
          : { kind: 'rating' as const, ratings: Object.fromEntries(activity.items.map((item, i) => [item.id, 1 + ((n + i * 2) % 5)])) };
      ok(
        await request(socket, 'answer:submit', {
          activityId: activity.id,
          clientAnswerId: `answer-${activity.id}-${n}`.slice(0, 64),
          value,
        }),
      );
    }
  }
}

/** What is wrong with the plenary's cards on a screen of this size: nothing, once they are laid out. */
function cardProblems(presenter: Page, width: number, height: number): Promise<string[]> {
  return presenter.getByTestId('plenary-card').evaluateAll(
    (cards, [width, height]) =>
      cards.flatMap((card, i) => {
        const box = card.getBoundingClientRect();
        const text = card.querySelector('div')!;
        const size = parseFloat(getComputedStyle(text).fontSize);
        return [
          box.x < 0 || box.x + box.width > width || box.y + box.height > height ? `card ${i} is off the screen` : '',
          text.scrollHeight - text.clientHeight > 2 ? `card ${i}'s text overflows` : '',
          size < height * 0.019 - 0.5 ? `card ${i}'s text is ${size}px` : '',
        ].filter(Boolean);
      }),
    [width, height] as const,
  );
}

const field = (phone: Page, key: string) => phone.locator(`[data-testid="synthesis-field"][data-field-key="${key}"]`);

describe('syntheses and the plenary in the browser', () => {
  it('a secretary writes on the phone, a reload keeps every word, members follow read-only, the plenary shows the cards as text', async () => {
    const w = await workshop('Bienestar psicológico — Sesión 2');
    const { created, breakout, synthesis, facilitator } = w;

    const consolePage = await page(desktopContext(browser));
    await consolePage.goto(local(created.facilitatorUrl));
    const presenter = await page(desktopContext(browser));
    await presenter.goto(local(created.presenterUrl));
    await presenter.getByTestId('presenter-code').first().waitFor();
    const presenterSmall = await page(desktopContext(browser, { width: 1280, height: 720 }));
    await presenterSmall.goto(local(created.presenterUrl));

    // Ana (the secretary) and Beto (a member) on phones; twelve more people on sockets.
    const ana = await joinOnPhone(created.code, 'Ana');
    const beto = await joinOnPhone(created.code, 'Beto');
    const carla = await joinOnPhone(created.code, 'Carla');
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await joinSocket(created.code, i % 3 === 0 ? `Persona ${i + 1}` : undefined));
    await answerEarlierQuestions(
      w,
      people.map((p) => p.socket),
    );

    // Salas of up to six: 15 people make three. Ana's sala gets Beto and five people who
    // answered; the second five; the third Carla and two (too few answers for its own figures).
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas).toHaveLength(3);
    await ana.getByTestId('sala-panel').waitFor();
    const salaA = (await ana.getByTestId('sala-panel').getAttribute('data-sala-id'))!;
    const [salaB, salaC] = formed.salas.map((s) => s.id).filter((id) => id !== salaA) as [string, string];
    const idOf = (name: string) => formed.salas.flatMap((s) => s.members).find((m) => m.displayName === name)!.participantId;
    ok(await request(facilitator, 'sala:move', { activityId: breakout.id, participantId: idOf('Beto'), salaId: salaA }));
    ok(await request(facilitator, 'sala:move', { activityId: breakout.id, participantId: idOf('Carla'), salaId: salaC }));
    for (const [i, person] of people.entries()) {
      ok(
        await request(facilitator, 'sala:move', {
          activityId: breakout.id,
          participantId: person.participantId,
          salaId: i < 5 ? salaA : i < 10 ? salaB : salaC,
        }),
      );
    }
    await expect.poll(() => beto.getByTestId('sala-panel').getAttribute('data-sala-id')).toBe(salaA);

    // Ana takes the secretary's role on her phone; the other salas' secretaries are assigned.
    await ana.locator('[data-testid="role-claim"][data-role="secretary"]').click();
    await ana.locator('[data-testid="role-release"][data-role="secretary"]').waitFor();
    ok(
      await request(facilitator, 'role:assign', {
        activityId: breakout.id,
        salaId: salaB,
        role: 'secretary',
        participantId: people[5]!.participantId,
      }),
    );
    ok(
      await request(facilitator, 'role:assign', {
        activityId: breakout.id,
        salaId: salaC,
        role: 'secretary',
        participantId: people[10]!.participantId,
      }),
    );

    // The sala's own numbers beside the room's: Ana's sala has five answers, Carla's only two.
    await ana.getByTestId('sala-numbers-toggle').click();
    await ana.getByTestId('sala-numbers-radar').waitFor();
    expect(await ana.getByTestId('sala-numbers-question').count()).toBe(3);
    expect(await ana.getByTestId('sala-numbers-suppressed').count()).toBe(0);
    await ana.getByTestId('sala-numbers').scrollIntoViewIfNeeded();
    await ana.waitForTimeout(500); // radar animation
    await shot(ana, 'sala-numbers-390');
    await ana.getByTestId('sala-numbers-radar').scrollIntoViewIfNeeded();
    await shot(ana, 'sala-numbers-radar-390');
    await carla.getByTestId('sala-numbers-toggle').click();
    await carla.getByTestId('sala-numbers-suppressed').first().waitFor();
    expect(await carla.getByTestId('sala-numbers-suppressed').first().innerText()).toContain('al menos 5 integrantes');
    expect(await carla.getByTestId('sala-numbers-radar').count()).toBe(0);
    await carla.getByTestId('sala-numbers').scrollIntoViewIfNeeded();
    await shot(carla, 'sala-numbers-suppressed-390');

    // The synthesis: the console opens the writing.
    await consolePage.locator(`[data-testid="console-agenda-item"][data-activity-id="${synthesis.id}"]`).click();
    await consolePage.getByTestId('synthesis-start').click();
    await field(ana, 'experiencias').waitFor();
    await presenter.locator('[data-testid="plenary"][data-screen="progress"]').waitFor();

    // Ana writes; it saves by itself.
    await field(ana, 'experiencias').fill('Creamos pausas activas y un espacio mensual de conversación con apoyo de la mutualidad.');
    await expect.poll(() => ana.getByTestId('synthesis-status').getAttribute('data-version')).toBe('1');
    // Beto follows it live, read-only, and knows who writes.
    await expect.poll(() => beto.getByTestId('synthesis-readonly').innerText()).toContain('Creamos pausas activas');
    expect(await beto.getByTestId('synthesis-readonly').innerText()).toContain('Ana');
    expect(await beto.getByTestId('synthesis-field').count()).toBe(0);

    // Mid-sentence, the phone reloads before the autosave: nothing typed is lost.
    await field(ana, 'desafios.liderazgo').click();
    await ana.keyboard.type('Que las jefaturas se compro');
    await ana.reload();
    await field(ana, 'desafios.liderazgo').waitFor();
    expect(await field(ana, 'desafios.liderazgo').inputValue()).toBe('Que las jefaturas se compro');
    expect(await field(ana, 'experiencias').inputValue()).toContain('Creamos pausas activas');
    // …and it reaches the server once the phone is back.
    await expect.poll(() => ana.getByTestId('synthesis-status').getAttribute('data-version')).toBe('2');
    await field(ana, 'desafios.liderazgo').click();
    await ana.keyboard.press('End');
    await ana.keyboard.type('metan con el bienestar de sus equipos.');
    await field(ana, 'apoyo').fill(`Formación para jefaturas ${XSS}`);
    await ana.locator('[data-testid="synthesis-support"][data-option-id="formacion"]').click();
    await ana.locator('[data-testid="synthesis-support"][data-option-id="redes"]').click();
    await expect.poll(() => ana.getByTestId('synthesis-status').getAttribute('data-status')).toBe('saved');
    await expect.poll(() => beto.getByTestId('synthesis-readonly').innerText()).toContain('se comprometan con el bienestar');
    const stored = (await getSession(server.url, created)).syntheses[synthesis.id]!.salas.find((s) => s.salaId === salaA)!;
    expect(stored.content?.fields['desafios.liderazgo']).toBe('Que las jefaturas se comprometan con el bienestar de sus equipos.');
    expect(stored.content?.support).toEqual(['formacion', 'redes']);
    await ana.evaluate(() => window.scrollTo(0, 0));
    await shot(ana, 'synthesis-secretary-390');
    await shot(beto, 'synthesis-member-390');

    // The other salas' secretaries write from their phones (sockets here).
    const other = { [salaB]: people[5]!.socket, [salaC]: people[10]!.socket };
    for (const [salaId, socket] of Object.entries(other)) {
      ok(
        await request(socket, 'synthesis:save', {
          activityId: synthesis.id,
          salaId,
          baseVersion: 0,
          clientSaveId: `save-${salaId}`.slice(0, 64),
          content: {
            fields: {
              experiencias:
                salaId === salaB
                  ? 'Un protocolo de contención emocional para atención de público.'
                  : 'Talleres de autocuidado y una red interna de escucha.',
              'desafios.liderazgo': 'Que la salud mental sea parte de la estrategia institucional.',
              apoyo: 'Sistematizar experiencias de otros servicios.',
            },
            support: salaId === salaB ? ['sistematizacion', 'redes'] : ['informacion', 'formacion'],
          },
        }),
      );
    }
    await expect.poll(() => presenter.locator('[data-testid="plenary-progress"][data-status="writing"]').count()).toBe(3);
    await shot(presenter, 'plenary-progress-1920');

    // Ana submits: her phone locks, Beto sees it submitted.
    await ana.getByTestId('synthesis-submit').click();
    await ana.getByTestId('synthesis-locked').waitFor();
    await expect.poll(() => beto.getByTestId('synthesis-readonly').innerText()).toMatch(/Enviada a quien facilita/);
    await expect
      .poll(() => presenter.locator(`[data-testid="plenary-progress"][data-sala-id="${salaA}"]`).getAttribute('data-status'))
      .toBe('submitted');
    await ana.waitForTimeout(600); // scrolls to the confirmation
    await shot(ana, 'synthesis-submitted-390');

    // The plenary: question 1 on screen, every sala's card.
    await consolePage.getByTestId('plenary-field').selectOption('experiencias');
    await presenter.locator('[data-testid="plenary"][data-screen="field"]').waitFor();
    await expect.poll(() => presenter.getByTestId('plenary-card').count()).toBe(3);
    expect(await presenter.locator(`[data-testid="plenary-card"][data-sala-id="${salaA}"]`).innerText()).toContain(
      'Creamos pausas activas',
    );
    await shot(presenter, 'plenary-field-1920');
    await presenterSmall.locator('[data-testid="plenary"][data-screen="field"]').waitFor();
    await shot(presenterSmall, 'plenary-field-1280');

    // Question 3 holds the script payload: shown as plain text, never run.
    await consolePage.getByTestId('plenary-field').selectOption('apoyo');
    await expect.poll(() => presenter.locator(`[data-testid="plenary-card"][data-sala-id="${salaA}"]`).innerText()).toContain(XSS);
    expect(
      await presenter.locator(`[data-testid="plenary-card"][data-sala-id="${salaA}"] script, [data-testid="plenary-card"] img`).count(),
    ).toBe(0);
    expect(await presenter.evaluate(() => document.querySelectorAll('script:not([src]), img[src="x"]').length)).toBe(0);

    // One sala in the spotlight, full screen.
    await consolePage.getByTestId('plenary-field').selectOption('desafios.liderazgo');
    await consolePage.getByTestId('plenary-spotlight').selectOption(salaA);
    await presenter.getByTestId('plenary-spotlight-card').waitFor();
    expect(await presenter.getByTestId('plenary-spotlight-card').innerText()).toContain('se comprometan con el bienestar');
    await shot(presenter, 'plenary-spotlight-1920');

    // Hiding a card takes it off the screen (kept for the facilitator).
    await consolePage.getByTestId('plenary-spotlight').selectOption('');
    await consolePage.locator(`[data-testid="synthesis-hide"][data-sala-id="${salaC}"]`).click();
    await expect.poll(() => presenter.getByTestId('plenary-card').count()).toBe(2);
    await consolePage.locator(`[data-testid="synthesis-hide"][data-sala-id="${salaC}"]`).click();
    await expect.poll(() => presenter.getByTestId('plenary-card').count()).toBe(3);

    // The overview after the writing closes: the map of demand.
    await consolePage.getByTestId('synthesis-end').click();
    await consolePage.getByTestId('synthesis-end-confirm').click();
    await consolePage.getByTestId('plenary-field').selectOption('');
    await presenter.locator('[data-testid="plenary"][data-screen="overview"]').waitFor();
    await presenter.getByTestId('support-chart').waitFor();
    // Every sala's radar against the room, but not the sala with too few answers.
    await expect.poll(() => presenter.getByTestId('plenary-radar').count()).toBe(2);
    expect(await presenter.getByTestId('plenary-radar-note').innerText()).toContain('menos de 5');
    await presenter.waitForTimeout(700); // chart animation
    await shot(presenter, 'plenary-overview-1920');
    await shot(consolePage, 'synthesis-console-1920');
    await consolePage.screenshot({ path: `${shotsDir}synthesis-console-full-1920.png`, fullPage: true });

    expect(dialogs).toEqual([]);
  });

  it('never overwrites a newer version silently: the secretary sees it and chooses', async () => {
    const w = await workshop('Versiones');
    const { created, breakout, synthesis, facilitator } = w;
    const network = new PhoneNetwork();
    const ana = await joinOnPhone(created.code, 'Ana', network);
    await joinSocket(created.code);
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    const salaId = formed.salas[0]!.id;
    const anaId = formed.salas[0]!.members.find((m) => m.displayName === 'Ana')!.participantId;
    ok(await request(facilitator, 'role:assign', { activityId: breakout.id, salaId, role: 'secretary', participantId: anaId }));
    ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));

    await field(ana, 'experiencias').fill('Mi texto desde el teléfono.');
    await expect.poll(() => ana.getByTestId('synthesis-status').getAttribute('data-version')).toBe('1');

    // Another device (here the facilitator) saves version 2 while the phone goes offline and keeps typing.
    await network.cut(ana);
    await field(ana, 'experiencias').fill('Mi texto desde el teléfono, con una idea más.');
    await expect.poll(() => ana.getByTestId('synthesis-status').innerText()).toMatch(/Sin conexión/);
    ok(
      await request(facilitator, 'synthesis:save', {
        activityId: synthesis.id,
        salaId,
        baseVersion: 1,
        clientSaveId: 'other-device-1',
        content: { fields: { experiencias: 'Texto escrito en el computador.' }, support: [] },
      }),
    );
    await network.restore(ana);

    // Back online: the phone does not overwrite version 2; it shows it and asks.
    await ana.getByTestId('synthesis-stale').waitFor();
    expect(await ana.getByTestId('synthesis-stale').innerText()).toContain('Texto escrito en el computador.');
    expect(await field(ana, 'experiencias').inputValue()).toBe('Mi texto desde el teléfono, con una idea más.');
    await ana.evaluate(() => window.scrollTo(0, 0));
    await shot(ana, 'synthesis-stale-390');
    let snapshot: SessionSnapshot = await getSession(server.url, created);
    expect(snapshot.syntheses[synthesis.id]!.salas[0]!.content?.fields.experiencias).toBe('Texto escrito en el computador.');

    // She keeps her text: saved as version 3, on top of version 2.
    await ana.getByTestId('synthesis-keep-mine').click();
    await expect.poll(() => ana.getByTestId('synthesis-status').getAttribute('data-version')).toBe('3');
    await eventually(async () => {
      snapshot = await getSession(server.url, created);
      return snapshot.syntheses[synthesis.id]!.salas[0]!.content?.fields.experiencias === 'Mi texto desde el teléfono, con una idea más.';
    });

    // Time is up (the phone believes six minutes passed): a clear warning, and the text stays editable.
    network.skewMs = 6 * 60_000;
    ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: 'experiencias', spotlightSalaId: null }));
    await ana.getByTestId('synthesis-deadline').waitFor();
    expect(await ana.getByTestId('synthesis-deadline').innerText()).toContain('Se acabó el tiempo');
    await field(ana, 'experiencias').fill('Mi texto desde el teléfono, con una idea más, y el cierre.');
    await expect.poll(() => ana.getByTestId('synthesis-status').getAttribute('data-version')).toBe('4');
    await ana.evaluate(() => window.scrollTo(0, 0));
    await shot(ana, 'synthesis-deadline-390');

    // The writing closes while she types without signal: back online, the text stays on her phone, to copy.
    await network.cut(ana);
    await field(ana, 'experiencias').fill('Una última frase que ya no alcanza a guardarse.');
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'end' }));
    await network.restore(ana);
    await ana.getByTestId('synthesis-locked').waitFor();
    expect(await ana.getByTestId('synthesis-locked').innerText()).toMatch(/cerr/);
    // What she typed is still there to copy, even though the server refused it.
    await expect.poll(() => ana.getByTestId('participant-activity').innerText()).toContain('Una última frase');
    await shot(ana, 'synthesis-locked-390');
  });

  it('ten salas fit on both projectors, every card legible, the overview leaves small salas out', async () => {
    const w = await workshop('Diez salas');
    const { created, breakout, synthesis, facilitator } = w;
    const people = [];
    for (let i = 0; i < 58; i++) people.push(await joinSocket(created.code, i % 4 === 0 ? `Persona ${i + 1}` : undefined));
    // Everyone but the last eight answers, so that some salas have too few answers of their own.
    await answerEarlierQuestions(
      w,
      people.slice(0, 50).map((p) => p.socket),
    );
    ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
    const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
    expect(formed.salas).toHaveLength(10);
    // The eight who did not answer go to one sala, which then has too few answers for its own figures.
    for (const person of people.slice(50))
      ok(
        await request(facilitator, 'sala:move', {
          activityId: breakout.id,
          participantId: person.participantId,
          salaId: formed.salas[9]!.id,
        }),
      );
    ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
    ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));

    const texts = [
      'Implementamos un programa de pausas activas y un espacio mensual de conversación entre equipos.',
      'Formamos a jefaturas en primeros auxilios psicológicos y creamos un protocolo de derivación a la mutualidad y a la red de salud.',
      'Encuestas de clima con preguntas de bienestar.',
      'Un plan de acompañamiento para quienes atienden público en sucursales, con contención después de situaciones difíciles, y turnos de descanso.',
      'Talleres de autocuidado, una red interna de escucha y difusión de los beneficios de salud mental disponibles para todos los funcionarios y funcionarias.',
      'Mesa de bienestar con la asociación de funcionarios.',
      'Teletrabajo parcial y horarios flexibles para cuidados; seguimiento de licencias médicas por salud mental con la unidad de personas.',
      'Conversatorios "Conversa, Contiene y Cobija" en todas las regiones, con facilitadores internos formados.',
      'Aún estamos empezando: diagnóstico inicial y una política de bienestar en borrador.',
      'Capacitación en liderazgo empático para jefaturas intermedias y un canal anónimo para pedir apoyo.',
    ];
    for (const [index, sala] of formed.salas.entries()) {
      ok(
        await request(facilitator, 'synthesis:save', {
          activityId: synthesis.id,
          salaId: sala.id,
          baseVersion: 0,
          clientSaveId: `ten-salas-${index}`,
          content: {
            fields: {
              experiencias: texts[index]!,
              'desafios.liderazgo': 'Que las jefaturas se comprometan con el bienestar de sus equipos.',
            },
            support: [['informacion', 'formacion'], ['redes'], ['sistematizacion', 'redes', 'formacion'], ['formacion']][index % 4]!,
          },
        }),
      );
    }
    ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: 'experiencias', spotlightSalaId: null }));

    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      const presenter = await page(desktopContext(browser, { width, height }));
      await presenter.goto(local(created.presenterUrl));
      await expect.poll(() => presenter.getByTestId('plenary-card').count()).toBe(10);
      // Once laid out and fitted (at this machine's pace): every card on screen, its text fitting, at a size a room can read.
      await expect.poll(() => cardProblems(presenter, width, height)).toEqual([]);
      await shot(presenter, `plenary-field-10-${width}`);

      if (width === 1920) {
        ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'end' }));
        ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: null, spotlightSalaId: null }));
        await presenter.getByTestId('support-chart').waitFor();
        const numbers = ok(await request(facilitator, 'sala:numbers', { activityId: breakout.id }));
        const rating = w.agenda.find((a) => a.kind === 'rating')!;
        const withFigures = numbers.salas.filter((sala) => !sala.results[rating.id]!.suppressed).length;
        expect(withFigures).toBeLessThan(10);
        await expect.poll(() => presenter.getByTestId('plenary-radar').count()).toBe(withFigures);
        expect(await presenter.getByTestId('plenary-radar-note').innerText()).toMatch(/con menos de 5 respuestas/);
        await presenter.waitForTimeout(700);
        await shot(presenter, 'plenary-overview-10-1920');
        // One sala's whole synthesis in the spotlight.
        ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: null, spotlightSalaId: formed.salas[4]!.id }));
        await presenter.getByTestId('plenary-spotlight-card').waitFor();
        expect(await presenter.getByTestId('plenary-spotlight-card').innerText()).toContain('Talleres de autocuidado');
        await shot(presenter, 'plenary-spotlight-whole-1920');
        ok(await request(facilitator, 'plenary:focus', { activityId: synthesis.id, fieldKey: 'experiencias', spotlightSalaId: null }));
      }
    }
    expect(dialogs).toEqual([]);
  });
});
