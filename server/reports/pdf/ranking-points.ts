/**
 * The PDF charts of ranking and points questions: a ranking as bars of priority (longer: a
 * better mean position) labelled with the mean position and the share put first; points as each
 * item's spread over shares of the budget, with its mean.
 */
import type { Locale, MessageKey, MessageParams } from '../../../shared/i18n/index.ts';
import type { PointsQuestionReport, RankingQuestionReport } from '../../../shared/report.ts';
import { formatMean, formatShare } from '../format.ts';
import { barList, distribution } from './charts.ts';
import { STYLES, type Layout } from './layout.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export function rankingChart(layout: Layout, question: RankingQuestionReport, t: Translate, locale: Locale): void {
  const worst = question.places + 1;
  barList(
    layout,
    question.items.map((item) => ({
      label: item.label,
      // Place 1 fills the bar; an item nobody ranked (mean K+1) shows none.
      value: item.meanPosition === null ? 0 : (worst - item.meanPosition) / question.places,
      valueLabel:
        item.meanPosition === null
          ? '—'
          : `${formatMean(item.meanPosition, locale)} · ${t('ranking.firstOf', { share: formatShare(item.firstShare, locale) })}`,
    })),
    { max: 1 },
  );
  layout.gap(2);
  layout.paragraph(t('ranking.boardHint'), STYLES.smallItalic);
}

export function pointsChart(layout: Layout, question: PointsQuestionReport, t: Translate, locale: Locale): void {
  distribution(
    layout,
    question.items.map((item) => ({
      label: item.label,
      counts: item.distribution,
      meanLabel: item.meanPoints === null ? '—' : formatMean(item.meanPoints, locale),
      nLabel: `n = ${question.n}`,
    })),
    { legend: ['0', '1–25 %', '26–50 %', '51–75 %', '76–100 %'], meanHeader: t('points.meanPoints'), noAnswers: t('report.noAnswers') },
  );
  layout.gap(2);
  layout.paragraph(`${t('points.boardHint', { budget: question.budget })} ${t('points.legend')}`, STYLES.smallItalic);
}
