import type { CatalogueList } from '../../shared/experience-catalogue.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type {
  BreakoutActivity,
  ChoiceActivity,
  ContentActivity,
  CreatedSession,
  RatingActivity,
  SynthesisActivity,
} from '../../shared/types.ts';
import { nextSessionFromRegister } from '../../server/cli/demo-register.ts';
import { DEMO_AGENCIES } from '../../server/cli/demo-agencies.ts';
import { fieldKeys } from '../../server/domain/synthesis.ts';
import { runDemo } from './support/demo.ts';
import { getSession, startServer, type TestServer } from './support/server.ts';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('npm run demo (rehearsal mode)', () => {
  it('plays the whole workshop with 12 participants and leaves the session open and populated', async () => {
    server = await startServer();
    const result = await runDemo(['--participants', '12', '--url', server.url, '--json'], 180_000);
    expect(result.code, result.stderr).toBe(0);

    const lines = result.stdout.trim().split('\n');
    const created = JSON.parse(lines[lines.length - 1]!) as CreatedSession;
    expect(Object.keys(created).sort()).toEqual(['code', 'facilitatorToken', 'facilitatorUrl', 'id', 'joinUrl', 'presenterUrl']);

    const snapshot = await getSession(server.url, created);
    const { agenda, live } = snapshot.session;
    expect(live.status).toBe('open');
    expect(live.participantCount).toBe(12);
    expect(live.currentActivityId).toBe(agenda[agenda.length - 1]!.id);

    for (const question of agenda.filter((a) => a.kind === 'choice' || a.kind === 'rating')) {
      expect(snapshot.results[question.id]?.respondents, question.title).toBeGreaterThan(0);
    }
    const rating = agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    const ratingResults = snapshot.results[rating.id];
    expect(ratingResults?.kind).toBe('rating');

    // The salas mixed the agencies the session lists (the report below names them).
    const breakout = agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    expect(breakout.mode).toBe('mixAgencies');
    const salas = snapshot.breakouts[breakout.id]!.salas;
    expect(salas.length).toBeGreaterThanOrEqual(2);
    expect(salas.reduce((n, s) => n + s.members.length, 0)).toBe(12);
    for (const sala of salas) {
      expect(sala.roles.secretary, sala.name).not.toBeNull();
      expect(sala.members.map((m) => m.participantId)).toContain(sala.roles.secretary);
    }
    expect(snapshot.breakouts[breakout.id]!.message?.text).toBe('Quedan 5 minutos');

    const synthesisActivity = agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const synthesis = snapshot.syntheses[synthesisActivity.id]!;
    expect(synthesis.focus.fieldKey).not.toBeNull();
    expect(synthesis.salas.map((s) => s.salaId).sort()).toEqual(salas.map((s) => s.id).sort());
    for (const sala of synthesis.salas) {
      expect(sala.submittedAt, sala.salaId).not.toBeNull();
      expect(sala.version).toBeGreaterThan(1);
      for (const key of fieldKeys(breakout)) expect(sala.content?.fields[key]?.trim(), key).toBeTruthy();
      expect(sala.content?.support.length).toBeGreaterThan(0);
    }

    // The exclusive option was answered alone, and every result has the facilitator's comments.
    const nothing = agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && a.options.some((o) => o.exclusive))!;
    const exclusiveId = nothing.options.find((o) => o.exclusive)!.id;
    const counts = snapshot.results[nothing.id];
    expect(counts?.kind === 'choice' ? counts.counts[exclusiveId] : 0).toBeGreaterThan(0);
    const report = (await (
      await fetch(`${server.url}/api/sessions/${created.id}/report.json`, { headers: auth(created) })
    ).json()) as SessionReport;
    // Each agency in the report: with figures only from 5 respondents up.
    expect(report.agencies.map((a) => a.name)).toEqual(DEMO_AGENCIES.map((a) => a.name));
    for (const agency of report.agencies) expect(agency.suppressed || agency.respondents! >= 5, agency.name).toBe(true);
    expect(report.agencies.reduce((n, a) => n + (a.participants ?? 0), 0)).toBeLessThanOrEqual(12);
    for (const entry of [...report.questions, ...report.breakouts, ...report.syntheses])
      expect(entry.facilitatorComments, entry.title).toBeTruthy();
    expect(snapshot.session.live.presenterNotes).toBe(false);

    // The sala parts: the moderators gave turns, no call is left waiting, the conversation was
    // ended into the return countdown, and every secretary's first note came before the synthesis step.
    const reportedSalas = report.breakouts.find((b) => b.activityId === breakout.id)!.salas;
    expect(reportedSalas.some((sala) => sala.turns > 0)).toBe(true);
    for (const sala of salas) {
      const turns = snapshot.turns[sala.id];
      expect(turns?.call ?? null, sala.name).toBeNull();
      expect(turns?.floor ?? null, sala.name).toBeNull();
      expect(reportedSalas.find((s) => s.id === sala.id)?.turns).toBe(turns?.turns ?? 0);
    }
    const phases = (activityId: string) => report.timings.find((t) => t.activityId === activityId)!.phases;
    const breakoutPhases = phases(breakout.id).map((p) => p.phase);
    expect(breakoutPhases.slice(0, 3)).toEqual(['intro', 'discussion', 'return']);
    const discussionAt = phases(breakout.id).find((p) => p.phase === 'discussion')!.at;
    const writingAt = phases(synthesisActivity.id).find((p) => p.phase === 'writing')!.at;
    const reportedSyntheses = report.syntheses.find((s) => s.activityId === synthesisActivity.id)!.salas;
    expect(reportedSyntheses).toHaveLength(salas.length);
    // Each sala's secretary told the sala's experience, so the catalogue has the session's cards.
    const cards = report.experiences.filter((card) => card.activityId === synthesisActivity.id);
    expect(cards.map((card) => card.salaName).sort()).toEqual(salas.map((sala) => sala.name).sort());
    for (const sala of reportedSyntheses) {
      expect(sala.firstSavedAt, sala.salaName).not.toBeNull();
      expect(Date.parse(sala.firstSavedAt!), sala.salaName).toBeGreaterThanOrEqual(Date.parse(discussionAt));
      expect(Date.parse(sala.firstSavedAt!), sala.salaName).toBeLessThan(Date.parse(writingAt));
      expect(Date.parse(sala.submittedAt!), sala.salaName).toBeGreaterThanOrEqual(Date.parse(writingAt));
    }
  }, 200_000);

  it('signs in on a server with accounts (--email/--password or a token in PLENARIO_AUTH_TOKEN), and says how without', async () => {
    server = await startServer();
    const account = await server.app.accounts.createAccount(FACILITATOR);
    const refused = await runDemo(['--participants', '2', '--url', server.url, '--pace', '0'], 60_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--email');
    expect(refused.stderr).toContain('PLENARIO_AUTH_TOKEN');

    const withPassword = await runDemo(
      [
        '--participants',
        '2',
        '--url',
        server.url,
        '--pace',
        '0',
        '--json',
        '--email',
        FACILITATOR.email,
        '--password',
        FACILITATOR.password,
      ],
      120_000,
    );
    expect(withPassword.code, withPassword.stderr).toBe(0);
    const first = lastJson(withPassword.stdout);
    expect(ownerOf(first.id)).toBe(account.id);

    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: FACILITATOR.email, password: FACILITATOR.password }),
    });
    const token = /^plenario_auth=([^;]+)/.exec(signIn.headers.getSetCookie()[0] ?? '')?.[1];
    // Servicio Civil followed up what session 1's salas asked; session 2 of the series opens its Retomando with it.
    const followed = await server.app.services.support.forSession(first.id);
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every((entry) => entry.status !== 'recibido' && entry.note.length > 0)).toBe(true);
    // The catalogue lists the experiences session 1's people and salas told.
    const catalogue = await fetch(`${server.url}/api/experiences`, { headers: { cookie: `plenario_auth=${token}` } });
    const told = ((await catalogue.json()) as CatalogueList).cards.filter((card) => card.sessionId === first.id);
    expect(told.length).toBe((await server.app.services.reports.sessionReport(first.id)).experiences.length);
    expect(told.length).toBeGreaterThan(0);
    const next = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `plenario_auth=${token}` },
      body: JSON.stringify({ title: 'Sesión 2', ...nextSessionFromRegister(first.id) }),
    });
    expect(next.status).toBe(201);
    const { session: second } = await getSession(server.url, (await next.json()) as CreatedSession);
    const retomando = second.agenda.find(
      (a): a is ContentActivity => a.kind === 'content' && a.title === 'Lo que pidieron y lo que hicimos',
    );
    expect(retomando?.bullets.map((b) => b.text).join('\n')).toContain(`lo que hicimos: ${followed[0]!.note}`);

    const withToken = await runDemo(['--participants', '2', '--url', server.url, '--pace', '0', '--json'], 120_000, {
      PLENARIO_AUTH_TOKEN: token!,
    });
    expect(withToken.code, withToken.stderr).toBe(0);
    expect(ownerOf(lastJson(withToken.stdout).id)).toBe(account.id);

    const usage = await runDemo(['--participants', '2', '--url', server.url, '--email', FACILITATOR.email], 60_000);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('PLENARIO_PASSWORD');

    const wrong = await runDemo(
      ['--participants', '2', '--url', server.url, '--email', FACILITATOR.email, '--password', 'otra-clave'],
      60_000,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401');
  }, 300_000);
});

const FACILITATOR = { email: 'bea@serviciocivil.cl', name: 'Bea Soto', password: 'contraseña-de-bea', role: 'facilitator' as const };
const auth = (session: CreatedSession) => ({ authorization: `Bearer ${session.facilitatorToken}` });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as CreatedSession;
const ownerOf = (sessionId: string) =>
  (server!.app.db.prepare('SELECT owner_account_id FROM sessions WHERE id = ?').get(sessionId) as { owner_account_id: string | null })
    .owner_account_id;
