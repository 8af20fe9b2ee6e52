/**
 * Messages of the facilitator's notes and comments, exclusive choice options, premises and
 * bullet levels. Spread into es-CL.ts; notes.en.ts mirrors every key.
 */
export const notesEsCL = {
  'notes.bullets.level': 'Nivel del punto {n}',
  'notes.bullets.level0': 'Punto',
  'notes.bullets.level1': 'Sub-punto',
  'notes.bullets.level2': 'Sub-sub-punto',
  'notes.report.comments': 'Comentarios y análisis',
  'notes.choice.alone': 'Se elige sola, sin otras opciones',
  'notes.option.exclusive': '«{label}» va sola: no se combina con otras opciones',
  'notes.field.premise': 'Premisa',
  'notes.field.premiseHint': 'Un planteamiento que se muestra antes de la pregunta, en los teléfonos y la pantalla.',
  'notes.field.notes': 'Notas para quien facilita',
  'notes.field.notesHint':
    'Solo las ve quien facilita, en la consola. Nunca llegan a los teléfonos; en la pantalla proyectada, solo si lo pides desde la consola.',
  'notes.comments.label': 'Comentarios y análisis',
  'notes.comments.hint': 'Tu lectura de estos resultados. Se guarda sola y va al informe, junto a los resultados.',
  'notes.comments.loading': 'Cargando…',
  'notes.comments.pending': 'Sin guardar',
  'notes.comments.saving': 'Guardando…',
  'notes.comments.saved': 'Guardado',
  'notes.comments.error': 'No se pudo guardar; tu texto sigue aquí y se guardará al seguir escribiendo',
  'notes.presenter.label': 'Notas para quien facilita',
  'notes.presenter.show': 'Mostrar notas en la pantalla',
  'notes.presenter.hide': 'Ocultar notas de la pantalla',
  'notes.workspace.lead': 'Tu lectura de cada resultado. Puedes escribirla o corregirla después de la sesión; va al informe.',
  'notes.workspace.failed': 'No se pudieron cargar los comentarios. Vuelve a cargar la página.',
  'notes.workspace.none': 'Esta sesión no tiene preguntas, salas ni síntesis que comentar.',
  'notes.workspace.activity': '{n}. {title}',
};
