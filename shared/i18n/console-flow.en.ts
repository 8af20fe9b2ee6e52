import type { consoleFlowEsCL } from './console-flow.es-CL.ts';

/** English for the console's flow (see console-flow.es-CL.ts). */
export const consoleFlowEn: Record<keyof typeof consoleFlowEsCL, string> = {
  'console.confirm.cancel': 'Cancel',
  'console.confirm.endPhase.discussion.title': 'End the discussion?',
  'console.confirm.endPhase.discussion.body':
    'The rooms move straight to the countdown back to the plenary. The discussion has {left} left. You can undo this for 15 seconds.',
  'console.confirm.endPhase.intro.title': 'End part one?',
  'console.confirm.endPhase.intro.body': 'The rooms move straight to the discussion. You can undo this for 15 seconds.',
  'console.confirm.endPhase.return.title': 'Close the rooms now?',
  'console.confirm.endPhase.return.body':
    'The countdown ends and the rooms close: everyone returns to the plenary. You can undo this for 15 seconds.',
  'console.confirm.endPhase.action': 'Yes, end the phase',
  'console.confirm.endWriting.title': 'Close the writing of the syntheses?',
  'console.confirm.endWriting.body':
    'Secretaries will no longer be able to write or save changes. They have {left} left. You can undo this for 15 seconds.',
  'console.confirm.endWriting.action': 'Yes, close the writing',
  'console.confirm.closeSession.title': 'End the session?',
  'console.confirm.closeSession.body':
    'Nobody else will be able to join or answer, open votes close and the code will be freed. This cannot be undone; the reports stay available.',
  'console.confirm.closeSession.action': 'Yes, end the session',
  'console.undo.phaseEnded': 'You ended the “{phase}” phase.',
  'console.undo.writingEnded': 'You closed the writing.',
  'console.undo.action': 'Undo ({seconds} s)',
  'console.keepOpen.label': 'Keep voting open when moving on',
  'console.keepOpen.hint': 'Otherwise it closes when you move to another activity.',
  'console.keepOpen.badge': 'Stays open',
  'console.projector.title': 'On the projector',
  'console.projector.joinScreen': 'Code and QR to join',
  'console.projector.blank': 'Blank screen',
  'console.projector.resultsHidden': 'Results hidden',
  'console.projector.upNext': 'Up next',
  'console.projector.upNextNone': 'This is the last activity on the agenda.',
  'console.closed.title': 'The session has ended',
  'console.closed.lead': 'The code has been freed and nobody else can join or answer. The answers and syntheses are kept in the reports.',
  'console.closed.participants': '{n} participants',
};
