import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { SeriesReportSchema, type PointsQuestionReport, type RankingQuestionReport, type SessionReport } from '../../../shared/report.ts';
import { buildSeriesReport } from '../../../server/domain/report.ts';
import { seriesComparisons } from '../../../server/domain/series-comparisons.ts';
import { sampleSessionReport } from '../reports/sample-report.ts';

const checkSeries = Compile(SeriesReportSchema);

const base = {
  position: 1,
  section: null,
  premise: null,
  body: null,
  facilitatorComments: null,
};

function ranking(activityId: string, n: number, items: Array<[string, number | null, number]>): RankingQuestionReport {
  return {
    ...base,
    activityId,
    title: `Prioricen (${activityId})`,
    kind: 'ranking',
    respondents: n,
    n,
    places: items.length,
    items: items.map(([label, meanPosition, firstShare], i) => ({ id: `i${i}`, label, meanPosition, firstShare, positions: [] })),
  };
}

function points(activityId: string, n: number, budget: number, items: Array<[string, number | null]>): PointsQuestionReport {
  return {
    ...base,
    activityId,
    title: `Repartan (${activityId})`,
    kind: 'points',
    respondents: n,
    n,
    budget,
    allowUnder: false,
    items: items.map(([label, meanPoints], i) => ({ id: `p${i}`, label, meanPoints, distribution: [0, 0, 0, 0, 0] })),
  };
}

function session(id: string, createdAt: string, questions: SessionReport['questions']): SessionReport {
  const report = sampleSessionReport();
  return { ...report, session: { ...report.session, id, createdAt }, questions };
}

describe('seriesComparisons', () => {
  it('pairs a ranking two sessions asked with the same labels, whatever their order, case and ids', () => {
    const one = session('one', '2026-10-01T10:00:00.000Z', [
      ranking('r1', 6, [
        ['Carga de trabajo', 1.5, 0.5],
        ['Liderazgo', 1.5, 0.5],
      ]),
    ]);
    const two = session('two', '2026-11-01T10:00:00.000Z', [
      ranking('other-id', 7, [
        ['liderazgo ', 1.25, 0.75],
        ['Carga  de trabajo', 1.75, 0.25],
      ]),
    ]);
    expect(seriesComparisons([one, two])).toEqual([
      {
        kind: 'ranking',
        title: 'Prioricen (r1)',
        items: ['Carga de trabajo', 'Liderazgo'],
        sessions: [
          {
            sessionId: 'one',
            activityId: 'r1',
            suppressed: false,
            n: 6,
            items: [
              { label: 'Carga de trabajo', meanPosition: 1.5, firstShare: 0.5 },
              { label: 'Liderazgo', meanPosition: 1.5, firstShare: 0.5 },
            ],
          },
          {
            sessionId: 'two',
            activityId: 'other-id',
            suppressed: false,
            n: 7,
            items: [
              { label: 'Carga de trabajo', meanPosition: 1.75, firstShare: 0.25 },
              { label: 'Liderazgo', meanPosition: 1.25, firstShare: 0.75 },
            ],
          },
        ],
      },
    ]);
  });

  it('gives no figure for a session below 5 respondents, and keeps the others', () => {
    const one = session('one', '2026-10-01T10:00:00.000Z', [
      points('p', 4, 100, [
        ['A', 60],
        ['B', 40],
      ]),
    ]);
    const two = session('two', '2026-11-01T10:00:00.000Z', [
      points('p', 5, 100, [
        ['B', 30],
        ['A', 70],
      ]),
    ]);
    const [comparison] = seriesComparisons([one, two]);
    expect(comparison?.sessions).toEqual([
      { sessionId: 'one', activityId: 'p', suppressed: true, n: null, items: null },
      {
        sessionId: 'two',
        activityId: 'p',
        suppressed: false,
        n: 5,
        items: [
          { label: 'A', meanPoints: 70 },
          { label: 'B', meanPoints: 30 },
        ],
      },
    ]);
    expect(comparison).toMatchObject({ kind: 'points', budget: 100, items: ['A', 'B'] });
  });

  it('compares nothing asked once, with other labels, another kind or another budget', () => {
    const one = session('one', '2026-10-01T10:00:00.000Z', [
      ranking('r', 9, [
        ['A', 1, 1],
        ['B', 2, 0],
      ]),
      points('p', 9, 100, [
        ['A', 50],
        ['B', 50],
      ]),
      ranking('only-here', 9, [
        ['X', 1, 1],
        ['Y', 2, 0],
      ]),
    ]);
    const two = session('two', '2026-11-01T10:00:00.000Z', [
      ranking('r', 9, [
        ['A', 1, 1],
        ['C', 2, 0],
      ]),
      points('p', 9, 10, [
        ['A', 5],
        ['B', 5],
      ]),
      points('as-points', 9, 100, [
        ['X', 50],
        ['Y', 50],
      ]),
    ]);
    expect(seriesComparisons([one, two])).toEqual([]);
  });

  it('takes a session’s last matching question when it asked the same twice, and joins a third session', () => {
    const items = (first: number): Array<[string, number, number]> => [
      ['A', first, 0.5],
      ['B', 3 - first, 0.5],
    ];
    const one = session('one', '2026-10-01T10:00:00.000Z', [ranking('early', 9, items(1.1)), ranking('late', 9, items(1.2))]);
    const two = session('two', '2026-11-01T10:00:00.000Z', [ranking('r', 9, items(1.3))]);
    const three = session('three', '2026-12-01T10:00:00.000Z', [ranking('r', 9, items(1.4))]);
    const [comparison] = seriesComparisons([one, two, three]);
    expect(comparison?.sessions.map((s) => [s.sessionId, s.activityId])).toEqual([
      ['one', 'late'],
      ['two', 'r'],
      ['three', 'r'],
    ]);
  });

  it('is part of the series report, sessions oldest first, and the report matches its schema', () => {
    const items: Array<[string, number | null]> = [
      ['A', 60],
      ['B', 40],
    ];
    const later = session('later', '2026-11-01T10:00:00.000Z', [points('p', 6, 100, items)]);
    const earlier = session('earlier', '2026-10-01T10:00:00.000Z', [points('p', 2, 100, items)]);
    const series = buildSeriesReport({ id: 's', title: 'Serie' }, [later, earlier], 0);
    expect(checkSeries.Check(series)).toBe(true);
    expect(series.comparisons[0]?.sessions.map((s) => [s.sessionId, s.suppressed])).toEqual([
      ['earlier', true],
      ['later', false],
    ]);
  });
});
