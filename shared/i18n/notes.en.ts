import type { notesEsCL } from './notes.es-CL.ts';

/** English for notes.es-CL.ts. */
export const notesEn: Record<keyof typeof notesEsCL, string> = {
  'notes.bullets.level': 'Level of point {n}',
  'notes.bullets.level0': 'Point',
  'notes.bullets.level1': 'Sub-point',
  'notes.bullets.level2': 'Sub-sub-point',
  'notes.report.comments': 'Comments and analysis',
  'notes.choice.alone': 'Chosen alone, without other options',
  'notes.option.exclusive': '“{label}” goes alone: it cannot be combined with other options',
  'notes.field.premise': 'Premise',
  'notes.field.premiseHint': 'A statement shown before the question, on phones and on the screen.',
  'notes.field.notes': 'Facilitator notes',
  'notes.field.notesHint':
    'Only the facilitator sees them, on the console. They never reach phones; on the projected screen only when you ask from the console.',
  'notes.comments.label': 'Comments and analysis',
  'notes.comments.hint': 'Your reading of these results. Saved as you type; it goes into the report, beside the results.',
  'notes.comments.loading': 'Loading…',
  'notes.comments.pending': 'Not saved yet',
  'notes.comments.saving': 'Saving…',
  'notes.comments.saved': 'Saved',
  'notes.comments.error': 'Could not save; your text is still here and will be saved as you keep typing',
  'notes.presenter.label': 'Facilitator notes',
  'notes.presenter.show': 'Show notes on the screen',
  'notes.presenter.hide': 'Hide notes from the screen',
  'notes.workspace.lead': 'Your reading of each result. You can write or correct it after the session; it goes into the report.',
  'notes.workspace.failed': 'The comments could not be loaded. Reload the page.',
  'notes.workspace.none': 'This session has no questions, breakout rooms or syntheses to comment on.',
  'notes.workspace.activity': '{n}. {title}',
};
