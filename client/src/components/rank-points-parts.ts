// The phone's ranking and points questions and their results, in one chunk that
// client/src/lib/phone-parts.svelte.ts loads when needed.
export { default as PointsQuestion } from './PointsQuestion.svelte';
export { default as RankingQuestion } from './RankingQuestion.svelte';
export { default as RankPointsResults } from './RankPointsResults.svelte';
