import type { salaEsCL } from './sala.es-CL.ts';

/** The sala tools' messages in English: every key of sala.es-CL.ts (checked at compile time). */
export const salaEn: Record<keyof typeof salaEsCL, string> = {
  'error.ROLE_REQUIRED': 'Only the room’s moderator or secretary can do this.',

  'notebook.title': 'Room notes',
  'notebook.secretaryHint': 'Note the main points here while you talk: it saves by itself and becomes the room’s synthesis.',
  'notebook.membersHint': 'The secretary takes these notes live; they will be the room’s synthesis.',
  'notebook.empty': 'No notes yet.',
  'notebook.questions': 'Guide questions',
  'notebook.notesStep': 'Taking notes: the synthesis is finished and submitted in the synthesis step.',
  'notebook.savedNow': 'Saved just now',
  'notebook.savedSeconds': 'Saved {n} s ago',
  'notebook.savedMinutes': 'Saved {n} min ago',

  'turns.title': 'Turns to speak',
  'turns.speaking': 'Has the floor',
  'turns.nobody': 'Nobody has the floor',
  'turns.you': 'you',
  'turns.queue': 'Raised hands',
  'turns.queueEmpty': 'Nobody has asked to speak.',
  'turns.raise': 'Ask to speak',
  'turns.lower': 'Lower my hand',
  'turns.yourPlace': 'You asked to speak: you are number {n}',
  'turns.giveNext': 'Give the floor to {name}',
  'turns.give': 'Give the floor',
  'turns.takeBack': 'End the turn',
  'turns.startTimer': 'Time the turn ({n} min)',
  'turns.stopTimer': 'Remove the time',
  'turns.timeLeft': 'Turn time',
  'turns.count': 'Turns given: {n}',
  'turns.failed': 'Could not do it: {message}',

  'call.button': 'Call the facilitator',
  'call.waiting': 'You called the facilitator at {time}: they are coming.',
  'call.hint': 'For a question or a problem in the room: the facilitator will see it on their console.',
  'console.call.title': 'Help requested',
  'console.call.body': '{sala} called at {time} · {role}',
  'console.call.acknowledge': 'Seen, on my way',

  // In the reports (CSV, XLSX, PDF)
  'salaReport.turns': 'Turns given',
  'salaReport.firstSavedAt': 'First note on',
  'salaReport.pdf.firstSavedAt': 'First note on {date}',
};
