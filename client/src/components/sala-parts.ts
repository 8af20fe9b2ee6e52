// The phone's sala parts (and a sala's experience cards beside its synthesis), in one chunk that
// client/src/lib/phone-parts.svelte.ts loads when needed.
export { default as BreakoutParticipant } from './BreakoutParticipant.svelte';
export { default as SalaExperiences } from './SalaExperiences.svelte';
export { default as SalaNotebook } from './SalaNotebook.svelte';
export { default as SalaTurns } from './SalaTurns.svelte';
export { default as SynthesisParticipant } from './SynthesisParticipant.svelte';
