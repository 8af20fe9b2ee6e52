/**
 * Messages of the sala's tools during the conversation: the secretary's notebook, the
 * moderator's turns and the call to the facilitator. Spread into es-CL.ts; sala.en.ts mirrors
 * every key.
 */
export const salaEsCL = {
  'error.ROLE_REQUIRED': 'Esto lo hace el moderador(a) o el secretario(a) de la sala.',

  // The secretary's notebook (notes during the conversation, then "finish and submit")
  'notebook.title': 'Notas de la sala',
  'notebook.secretaryHint': 'Anota aquí los puntos principales mientras conversan: se guarda solo y sigue siendo la síntesis de la sala.',
  'notebook.membersHint': 'El secretario(a) toma estas notas en vivo; serán la síntesis de la sala.',
  'notebook.empty': 'Aún no hay notas.',
  'notebook.questions': 'Preguntas guía',
  'notebook.notesStep': 'Tomando notas: la síntesis se termina y envía en el paso de síntesis.',
  'notebook.savedNow': 'Guardado recién',
  'notebook.savedSeconds': 'Guardado hace {n} s',
  'notebook.savedMinutes': 'Guardado hace {n} min',

  // The moderator's turns
  'turns.title': 'Turnos para hablar',
  'turns.speaking': 'Tiene la palabra',
  'turns.nobody': 'Nadie tiene la palabra',
  'turns.you': 'tú',
  'turns.queue': 'Manos levantadas',
  'turns.queueEmpty': 'Nadie ha pedido la palabra.',
  'turns.raise': 'Pedir la palabra',
  'turns.lower': 'Bajar la mano',
  'turns.yourPlace': 'Pediste la palabra: vas en el lugar {n}',
  'turns.giveNext': 'Dar la palabra a {name}',
  'turns.give': 'Dar la palabra',
  'turns.takeBack': 'Terminar el turno',
  'turns.startTimer': 'Medir el turno ({n} min)',
  'turns.stopTimer': 'Quitar el tiempo',
  'turns.timeLeft': 'Tiempo del turno',
  'turns.count': 'Turnos dados: {n}',
  'turns.failed': 'No se pudo: {message}',

  // The call to the facilitator
  'call.button': 'Llamar a quien facilita',
  'call.waiting': 'Llamaste a quien facilita a las {time}: ya viene.',
  'call.hint': 'Para una duda o un problema en la sala: quien facilita lo verá en su consola.',
  'console.call.title': 'Piden ayuda',
  'console.call.body': '{sala} llamó a las {time} · {role}',
  'console.call.acknowledge': 'Visto, voy',

  // In the reports (CSV, XLSX, PDF)
  'salaReport.turns': 'Turnos dados',
  'salaReport.firstSavedAt': 'Primera nota el',
  'salaReport.pdf.firstSavedAt': 'Primera nota el {date}',
} as const;
