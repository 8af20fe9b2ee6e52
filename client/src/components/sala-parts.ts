// The phone's sala parts, in one chunk that client/src/lib/lazy-views.ts loads when needed.
export { default as BreakoutParticipant } from './BreakoutParticipant.svelte';
export { default as SalaNotebook } from './SalaNotebook.svelte';
export { default as SalaTurns } from './SalaTurns.svelte';
export { default as SynthesisParticipant } from './SynthesisParticipant.svelte';
