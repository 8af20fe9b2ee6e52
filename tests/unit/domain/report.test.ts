import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { AXES } from '../../../shared/axes.ts';
import { SeriesReportSchema, SessionReportSchema, type SessionReport } from '../../../shared/report.ts';
import type {
  BreakoutActivity,
  BreakoutView,
  OpenActivity,
  SalaNumbersView,
  SynthesisActivity,
  SynthesisView,
} from '../../../shared/types.ts';
import {
  agencyParticipation,
  archiveOf,
  fiveAxisQuestionIds,
  buildSeriesReport,
  buildSessionReport,
  type SessionReportInput,
} from '../../../server/domain/report.ts';
import { choice, rating } from '../fixtures.ts';

const checkSession = Compile(SessionReportSchema);
const checkSeries = Compile(SeriesReportSchema);

const axes = rating(
  'axes',
  AXES.map((a) => a.id),
);
const open: OpenActivity = { id: 'open', kind: 'open', title: 'Una palabra', maxLength: 100, maxPerPerson: 1, display: 'cloud' };
const breakout: BreakoutActivity = {
  id: 'b',
  kind: 'breakout',
  title: 'Salas',
  instructions: [],
  sizing: { by: 'count', count: 2 },
  mode: 'random',
  discussionSeconds: 600,
  returnSeconds: 60,
  questions: [
    { id: 'exp', text: '¿Qué vivimos?' },
    { id: 'des', text: '¿Desafíos?', items: [{ id: 'liderazgo', label: 'Liderazgo' }] },
    {
      id: 'apoyo',
      text: '¿Apoyo?',
      supportOptions: [
        { id: 'formacion', label: 'Formación' },
        { id: 'redes', label: 'Redes' },
      ],
    },
  ],
};
const synthesis: SynthesisActivity = { id: 'syn', kind: 'synthesis', title: 'Síntesis', seconds: 300 };
const agenda = [choice('c', ['a', 'b'], true), axes, open, breakout, synthesis];

const timer = { deadline: null, pausedRemainingMs: null, serverNow: 0 };
const members = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => ({ participantId: `p${from + i}`, number: from + i, displayName: `Nombre ${from + i}` }));
const breakoutView: BreakoutView = {
  activityId: 'b',
  phase: 'closed',
  timer,
  message: null,
  ended: null,
  salas: [
    { id: 's1', name: 'Sala 1', videoUrl: null, members: members(6, 1), roles: { moderator: 'p1', secretary: 'p2' } },
    { id: 's2', name: 'Sala 2', videoUrl: null, members: members(3, 7), roles: { moderator: null, secretary: 'p7' } },
  ],
};
const ratingFigures = (respondents: number) => ({
  kind: 'rating' as const,
  respondents,
  items: Object.fromEntries(
    AXES.map((a) => [a.id, { counts: [0, 0, respondents, 0, 0] as [number, number, number, number, number], n: respondents, mean: 3 }]),
  ),
});
const numbers: SalaNumbersView = {
  activityId: 'b',
  questionIds: ['c', 'axes'],
  room: { c: { kind: 'choice', respondents: 9, counts: { a: 4 } }, axes: ratingFigures(9) },
  salas: [
    {
      salaId: 's1',
      results: {
        c: { suppressed: false, results: { kind: 'choice', respondents: 6, counts: {} } },
        axes: { suppressed: false, results: ratingFigures(6) },
      },
    },
    // A figure of 3 that slipped through unsuppressed must still not reach the report.
    { salaId: 's2', results: { c: { suppressed: true, results: null }, axes: { suppressed: false, results: ratingFigures(3) } } },
  ],
};
const synthesisView: SynthesisView = {
  activityId: 'syn',
  breakoutActivityId: 'b',
  phase: 'closed',
  timer,
  focus: { fieldKey: null, spotlightSalaId: null },
  ended: null,
  salas: [
    {
      salaId: 's1',
      version: 2,
      submittedAt: Date.UTC(2026, 10, 20, 15),
      hidden: false,
      updatedAt: 1,
      firstSavedAt: Date.UTC(2026, 10, 20, 14, 40),
      content: { fields: { exp: 'Pausas activas', 'des.liderazgo': 'Tiempo' }, support: ['formacion', 'redes'] },
    },
    {
      salaId: 's2',
      version: 1,
      submittedAt: null,
      hidden: true,
      updatedAt: 1,
      firstSavedAt: 1,
      content: { fields: { exp: 'Algo' }, support: ['formacion'] },
    },
  ],
};

function input(overrides: Partial<SessionReportInput> = {}): SessionReportInput {
  return {
    session: {
      id: 'sess',
      title: 'Sesión 2',
      code: '123456',
      status: 'closed',
      createdAt: Date.UTC(2026, 10, 20, 14),
      closedAt: Date.UTC(2026, 10, 20, 16),
      series: { id: 'ser', title: 'Serie' },
      agencies: ['Servicio A'],
      namesInReports: false,
      participantDataRemovedAt: null,
    },
    agenda,
    live: {
      participants: 10,
      respondents: 9,
      results: {
        c: { kind: 'choice', respondents: 8, counts: { a: 6, b: 4 } },
        axes: ratingFigures(9),
        open: {
          kind: 'open',
          respondents: 3,
          answers: [
            { id: 'x3', text: 'tercera', hidden: false },
            { id: 'x2', text: 'oculta', hidden: true },
            { id: 'x1', text: 'primera', hidden: false },
          ],
          words: [{ word: 'primera', count: 1 }],
        },
      },
      breakouts: { b: breakoutView },
      salaNumbers: { b: numbers },
      turns: { s1: 4 },
      qa: {},
      people: [],
      agencyProfiles: {},
      commitments: [],
    },
    archive: null,
    syntheses: { syn: synthesisView },
    salaNames: { s1: 'Sala 1', s2: 'Sala 2' },
    experiences: [],
    comments: {},
    events: [
      { at: Date.UTC(2026, 10, 20, 14, 5), activityId: 'c', event: 'shown' },
      { at: Date.UTC(2026, 10, 20, 14, 5), activityId: 'c', event: 'answering:open' },
      { at: Date.UTC(2026, 10, 20, 14, 9), activityId: 'c', event: 'answering:closed' },
      { at: Date.UTC(2026, 10, 20, 14, 30), activityId: 'b', event: 'phase:intro' },
      { at: Date.UTC(2026, 10, 20, 14, 35), activityId: 'b', event: 'phase:discussion' },
    ],
    support: [
      {
        id: 'e1',
        sessionId: 'sess',
        activityId: 'syn',
        salaId: 's1',
        salaName: 'Sala 1',
        kindId: 'formacion',
        kindLabel: 'Formación',
        text: 'Talleres',
        agencies: ['Servicio A'],
        status: 'entregado',
        note: 'Curso en marzo',
        createdAt: Date.UTC(2026, 10, 20, 15),
        updatedAt: Date.UTC(2026, 10, 22),
      },
    ],
    generatedAt: Date.UTC(2026, 10, 21),
    ...overrides,
  };
}

describe('session report', () => {
  const report = buildSessionReport(input());

  it('matches its published schema', () => {
    expect(checkSession.Check(report)).toBe(true);
  });

  it("lists the support register's entries with their status and public note", () => {
    expect(report.supportRegister).toEqual([
      {
        salaName: 'Sala 1',
        kind: { id: 'formacion', label: 'Formación' },
        text: 'Talleres',
        agencies: ['Servicio A'],
        status: 'entregado',
        note: 'Curso en marzo',
        updatedAt: '2026-11-22T00:00:00.000Z',
      },
    ]);
  });

  it('carries the aggregates as counted: choice counts and shares, rating figures, open answers in arrival order without hidden ones', () => {
    const [c, r, o] = report.questions;
    expect(c).toMatchObject({
      kind: 'choice',
      position: 1,
      respondents: 8,
      options: [
        { id: 'a', count: 6, share: 0.75 },
        { id: 'b', count: 4, share: 0.5 },
      ],
    });
    expect(r).toMatchObject({ kind: 'rating', fiveAxes: true, respondents: 9 });
    expect(r?.kind === 'rating' && r.items.map((i) => [i.id, i.n, i.mean])).toEqual(AXES.map((a) => [a.id, 9, 3]));
    expect(o).toMatchObject({ kind: 'open', answers: ['primera', 'tercera'], hiddenCount: 1 });
    expect(report.participation).toEqual({ participants: 10, respondents: 9 });
  });

  it('gives each sala its own ranking and points figures, none below 5 (even one that slipped through)', () => {
    const ranking = (respondents: number) => ({
      kind: 'ranking' as const,
      respondents,
      items: { x: { positions: [respondents - 1, 1], meanPosition: 1.25 }, y: { positions: [1, respondents - 1], meanPosition: 1.75 } },
    });
    const points = (respondents: number) => ({
      kind: 'points' as const,
      respondents,
      budget: 100,
      items: { x: { mean: 70, distribution: [0, 0, 0, 1, 0] as [number, number, number, number, number] } },
    });
    const withRanking: SalaNumbersView = {
      ...numbers,
      questionIds: ['rk', 'pt'],
      room: { rk: ranking(9), pt: points(9) },
      salas: [
        { salaId: 's1', results: { rk: { suppressed: false, results: ranking(6) }, pt: { suppressed: false, results: points(6) } } },
        { salaId: 's2', results: { rk: { suppressed: false, results: ranking(3) }, pt: { suppressed: true, results: null } } },
      ],
    };
    const built = buildSessionReport(input({ live: { ...input().live!, salaNumbers: { b: withRanking } } }));
    const [s1, s2] = built.breakouts[0]!.salas;
    expect(checkSession.Check(built)).toBe(true);
    expect(s1?.ratings).toEqual([]);
    expect(s1?.rankings).toEqual([
      {
        activityId: 'rk',
        suppressed: false,
        respondents: 6,
        items: [
          { id: 'x', meanPosition: 1.25, firstShare: 5 / 6 },
          { id: 'y', meanPosition: 1.75, firstShare: 1 / 6 },
        ],
      },
    ]);
    expect(s1?.points).toEqual([{ activityId: 'pt', suppressed: false, respondents: 6, items: [{ id: 'x', meanPoints: 70 }] }]);
    expect(s2?.rankings).toEqual([{ activityId: 'rk', suppressed: true, respondents: null, items: null }]);
    expect(s2?.points).toEqual([{ activityId: 'pt', suppressed: true, respondents: null, items: null }]);
  });

  it('gives roles filled and member counts per sala, names only when chosen, and no figure of a sala under 5', () => {
    const [s1, s2] = report.breakouts[0]!.salas;
    expect(s1).toMatchObject({ members: 6, roles: { moderator: true, secretary: true }, memberNames: null });
    expect(s1?.ratings).toEqual([
      { activityId: 'axes', suppressed: false, respondents: 6, items: AXES.map((a) => ({ id: a.id, n: 6, mean: 3 })) },
    ]);
    expect(s2?.ratings).toEqual([{ activityId: 'axes', suppressed: true, respondents: null, items: null }]);
    expect([s1?.turns, s2?.turns]).toEqual([4, 0]);
    expect(JSON.stringify(report)).not.toContain('Nombre 1');
    const named = buildSessionReport(input({ session: { ...input().session, namesInReports: true } }));
    expect(named.breakouts[0]!.salas[0]!.memberNames).toEqual(members(6, 1).map((m) => m.displayName));
  });

  it('lays out each synthesis by field, with support kinds counted over the salas not hidden', () => {
    const [syn] = report.syntheses;
    expect(syn!.fields.map((f) => f.key)).toEqual(['exp', 'des.liderazgo', 'apoyo']);
    expect(syn!.fields[1]!.label).toBe('¿Desafíos? — Liderazgo');
    expect(syn!.salas[0]).toMatchObject({
      salaName: 'Sala 1',
      status: 'submitted',
      firstSavedAt: '2026-11-20T14:40:00.000Z',
      support: ['Formación', 'Redes'],
      texts: [
        { key: 'exp', text: 'Pausas activas' },
        { key: 'des.liderazgo', text: 'Tiempo' },
        { key: 'apoyo', text: '' },
      ],
    });
    expect(syn!.salas[1]).toMatchObject({ status: 'draft', hidden: true });
    expect(syn!.supportCounts).toEqual([
      { id: 'formacion', label: 'Formación', count: 1 },
      { id: 'redes', label: 'Redes', count: 1 },
    ]);
  });

  it('derives timings from the events', () => {
    expect(report.timings.find((t) => t.activityId === 'c')).toMatchObject({
      firstShownAt: '2026-11-20T14:05:00.000Z',
      answeringClosedAt: '2026-11-20T14:09:00.000Z',
    });
    expect(report.timings.find((t) => t.activityId === 'b')?.phases.map((p) => p.phase)).toEqual(['intro', 'discussion']);
  });

  it('reads the archive once participant data is gone, which keeps no open texts and no names', () => {
    const named = buildSessionReport(input({ session: { ...input().session, namesInReports: true } }));
    const archive = archiveOf(named);
    const later = buildSessionReport(
      input({ live: null, archive, session: { ...input().session, participantDataRemovedAt: Date.UTC(2027, 0, 1) } }),
    );
    expect(later.questions.find((q) => q.kind === 'open')).toMatchObject({ answers: [], hiddenCount: 1 });
    expect(later.questions[0]).toEqual(named.questions[0]);
    expect(later.breakouts[0]!.salas[0]!.memberNames).toBeNull();
    expect(later.breakouts[0]!.salas[0]!.turns).toBe(4);
    expect(later.participation).toEqual({ participants: 10, respondents: 9 });
    expect(checkSession.Check(later)).toBe(true);
  });

  it("puts the facilitator's comments beside the results they discuss, null where there are none, archived or not", () => {
    const comments = { c: 'Casi nadie eligió «Nada».', b: 'Las salas conversaron los 40 minutos.', syn: 'Piden formación.' };
    const report = buildSessionReport(input({ comments }));
    expect(report.questions.map((q) => [q.activityId, q.facilitatorComments])).toEqual([
      ['c', comments.c],
      ['axes', null],
      ['open', null],
    ]);
    expect(report.breakouts[0]!.facilitatorComments).toBe(comments.b);
    expect(report.syntheses[0]!.facilitatorComments).toBe(comments.syn);
    expect(checkSession.Check(report)).toBe(true);
    const removed = { ...input().session, participantDataRemovedAt: Date.UTC(2027, 0, 1) };
    const later = buildSessionReport(
      input({ live: null, archive: archiveOf(report), session: removed, comments: { c: 'Revisado después.' } }),
    );
    expect(later.questions[0]!.facilitatorComments).toBe('Revisado después.');
    expect(later.breakouts[0]!.facilitatorComments).toBeNull();
  });

  it('is a valid report for a session with nothing in it', () => {
    const empty = buildSessionReport(
      input({
        agenda: [],
        live: {
          participants: 0,
          respondents: 0,
          results: {},
          breakouts: {},
          salaNumbers: {},
          turns: {},
          people: [],
          agencyProfiles: {},
          commitments: [],
          qa: {},
        },
        syntheses: {},
        events: [],
      }),
    );
    expect(checkSession.Check(empty)).toBe(true);
    expect(empty.questions).toEqual([]);
  });
});

describe('series report', () => {
  const withMeans = (id: string, createdAt: number, mean: number): SessionReport => {
    const base = buildSessionReport(input({ session: { ...input().session, id, createdAt } }));
    return {
      ...base,
      questions: base.questions.map((q) => (q.kind === 'rating' ? { ...q, items: q.items.map((i) => ({ ...i, mean })) } : q)),
    };
  };

  it('puts sessions oldest first with each axis mean and its change from the session before', () => {
    const series = buildSeriesReport({ id: 'ser', title: 'Serie' }, [withMeans('two', 2000, 3.5), withMeans('one', 1000, 2.25)], 5000);
    expect(checkSeries.Check(series)).toBe(true);
    expect(series.sessions.map((s) => s.id)).toEqual(['one', 'two']);
    const first = series.axes[0]!;
    expect(first.sessions.map((s) => [s.sessionId, s.mean, s.change])).toEqual([
      ['one', 2.25, null],
      ['two', 3.5, 1.25],
    ]);
    expect(series.support[0]!.counts).toEqual([
      { id: 'formacion', label: 'Formación', count: 1 },
      { id: 'redes', label: 'Redes', count: 1 },
    ]);
  });

  it('lists each agency with its profile on each session’s compared question, suppressed where the session suppressed it', () => {
    const profile = (mean: number) => [
      { activityId: 'axes', suppressed: false, respondents: 6, items: AXES.map((a) => ({ id: a.id, n: 6, mean })) },
    ];
    const one = {
      ...withMeans('one', 1000, 2),
      agencies: [
        { name: 'IPS', suppressed: false, participants: 7, respondents: 6, ratings: profile(2.5) },
        { name: 'SII', suppressed: true, participants: null, respondents: null, ratings: [] },
      ],
    };
    const two = {
      ...withMeans('two', 2000, 3),
      agencies: [{ name: 'SII', suppressed: false, participants: 6, respondents: 6, ratings: profile(3.5) }],
    };
    const series = buildSeriesReport({ id: 'ser', title: 'Serie' }, [two, one], 5000);
    expect(checkSeries.Check(series)).toBe(true);
    expect(series.agencies).toEqual([
      { name: 'IPS', sessions: [{ sessionId: 'one', suppressed: false, participants: 7, respondents: 6, items: profile(2.5)[0]!.items }] },
      {
        name: 'SII',
        sessions: [
          { sessionId: 'one', suppressed: true, participants: null, respondents: null, items: null },
          { sessionId: 'two', suppressed: false, participants: 6, respondents: 6, items: profile(3.5)[0]!.items },
        ],
      },
    ]);
  });
});

describe('agencyParticipation', () => {
  const people = (agency: string | null, joined: number, responded: number) =>
    Array.from({ length: joined }, (_, i) => ({ agency, responded: i < responded }));

  it('counts each listed agency, in the list’s order, and gives no figure below 5 respondents', () => {
    const all = [...people('B', 7, 5), ...people('A', 6, 4), ...people(null, 3, 3), ...people('Otra', 9, 9)];
    const profiles = { A: { axes: ratingFigures(4) }, B: { axes: ratingFigures(5) } };
    expect(agencyParticipation(['A', 'B', 'C'], all, profiles)).toEqual([
      { name: 'A', suppressed: true, participants: null, respondents: null, ratings: [] },
      {
        name: 'B',
        suppressed: false,
        participants: 7,
        respondents: 5,
        ratings: [{ activityId: 'axes', suppressed: false, respondents: 5, items: AXES.map((a) => ({ id: a.id, n: 5, mean: 3 })) }],
      },
      { name: 'C', suppressed: true, participants: null, respondents: null, ratings: [] },
    ]);
  });

  it('suppresses a profile fewer than 5 of an agency answered, keeping the agency’s participation', () => {
    const [agency] = agencyParticipation(['A'], people('A', 8, 8), { A: { axes: ratingFigures(4), other: null } });
    expect(agency).toEqual({
      name: 'A',
      suppressed: false,
      participants: 8,
      respondents: 8,
      ratings: [
        { activityId: 'axes', suppressed: true, respondents: null, items: null },
        { activityId: 'other', suppressed: true, respondents: null, items: null },
      ],
    });
  });

  it('is in the report, and kept when participant data is removed', () => {
    const report = buildSessionReport(
      input({
        session: { ...input().session, agencies: ['Servicio A'] },
        live: { ...input().live!, people: people('Servicio A', 5, 5), agencyProfiles: { 'Servicio A': { axes: ratingFigures(5) } } },
      }),
    );
    expect(report.agencies).toEqual([
      {
        name: 'Servicio A',
        suppressed: false,
        participants: 5,
        respondents: 5,
        ratings: [{ activityId: 'axes', suppressed: false, respondents: 5, items: AXES.map((a) => ({ id: a.id, n: 5, mean: 3 })) }],
      },
    ]);
    expect(checkSession.Check(report)).toBe(true);
    const archived = buildSessionReport(input({ live: null, archive: archiveOf(report) }));
    expect(archived.agencies).toEqual(report.agencies);
  });

  it('reads an archive kept before profiles were, as agencies without profiles', () => {
    const old = { participation: { participants: 5, respondents: 5 }, questions: [], breakouts: [] };
    const agencies = [{ name: 'Servicio A', suppressed: false, participants: 5, respondents: 5 }];
    const report = buildSessionReport(input({ live: null, archive: { ...old, agencies } as never }));
    expect(report.agencies).toEqual([{ ...agencies[0], ratings: [] }]);
  });

  it('reads an archive kept before salas had rankings and points, as salas with none', () => {
    const live = buildSessionReport(input());
    const archive = archiveOf(live);
    const old = {
      ...archive,
      breakouts: archive.breakouts.map((b) => ({ ...b, salas: b.salas.map(({ rankings: _r, points: _p, ...sala }) => sala) })),
    };
    const report = buildSessionReport(input({ live: null, archive: old as never }));
    expect(checkSession.Check(report)).toBe(true);
    expect(report.breakouts[0]!.salas.map((s) => [s.rankings, s.points])).toEqual([
      [[], []],
      [[], []],
    ]);
  });
});

describe('fiveAxisQuestionIds', () => {
  it('lists the rating questions whose items are the five axes, and nothing else', () => {
    expect(fiveAxisQuestionIds(agenda)).toEqual(['axes']);
    expect(fiveAxisQuestionIds([rating('two', ['a', 'b'])])).toEqual([]);
  });
});

describe('commitments in the report', () => {
  it('are counts, kept when participant data is removed (and absent from archives made before them)', () => {
    const commitments = [
      { activityId: 'w', position: 9, section: null, title: '¿Qué harás?', mode: 'write' as const, written: 12 },
      {
        activityId: 'r',
        position: 1,
        section: 'Retomando…',
        title: 'Tu compromiso',
        mode: 'review' as const,
        answered: 3,
        suppressed: true,
        outcomes: null,
      },
    ];
    const report = buildSessionReport(input({ live: { ...input().live!, commitments } }));
    expect(report.commitments).toEqual(commitments);
    expect(buildSessionReport(input({ live: null, archive: archiveOf(report) })).commitments).toEqual(commitments);
    const { commitments: _older, ...olderArchive } = archiveOf(report);
    expect(buildSessionReport(input({ live: null, archive: olderArchive as ReturnType<typeof archiveOf> })).commitments).toEqual([]);
  });
});
