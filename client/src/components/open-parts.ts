// The phone's open question and its results (a cloud or a list), in one chunk that
// client/src/lib/phone-parts.svelte.ts loads when needed.
export { default as OpenAnswers } from './OpenAnswers.svelte';
export { default as OpenQuestion } from './OpenQuestion.svelte';
export { default as WordCloud } from './WordCloud.svelte';
