/**
 * Questions from the room (the `qa` activity): phone, console, projector, agenda editor and
 * reports. Spread into es-CL.ts; qa.en.ts mirrors every key.
 */
export const qaEsCL = {
  'kind.qa': 'Preguntas del público',
  'agenda.addKind.qa': 'Preguntas del público (con votos)',
  'qa.count': '{n} preguntas',

  // Phone
  'qa.askLabel': 'Tu pregunta',
  'qa.askHint': 'Escribe una pregunta breve. Se muestra sin tu nombre, salvo que marques la opción.',
  'qa.askPlaceholder': 'Escribe tu pregunta…',
  'qa.named': 'Mostrar mi nombre ({name})',
  'qa.namedNoName': 'Para mostrar tu nombre, indícalo al unirte.',
  'qa.send': 'Enviar pregunta',
  'qa.sent': 'Pregunta enviada.',
  'qa.sentPending': 'Pregunta enviada: se mostrará cuando la facilitación la apruebe.',
  'qa.orderLabel': 'Ordenar',
  'qa.order.top': 'Más votadas',
  'qa.order.recent': 'Recientes',
  'qa.none': 'Aún no hay preguntas. ¡Haz la primera!',
  'qa.votes': '{n} votos',
  'qa.votesOne': '1 voto',
  // Read after the vote count on the button (its pressed state says whether it is one's own vote).
  'qa.vote': 'votos: votar por esta pregunta',
  'qa.answered': 'Respondida',
  'qa.pending': 'Pendiente de aprobación',
  'qa.hidden': 'No se muestra',
  'qa.mine': 'Tu pregunta',
  'qa.anonymous': 'Anónima',
  'qa.closed': 'Las preguntas de esta actividad están cerradas.',
  'qa.openAllSession': 'Preguntas del público ({n})',
  'qa.openAllSessionHint': 'Puedes enviar preguntas durante toda la sesión.',
  'qa.back': 'Volver a la actividad',

  // Console
  'qa.console.title': 'Preguntas',
  'qa.console.counts': '{shown} a la vista · {pending} pendientes · {hidden} ocultas',
  'qa.console.approve': 'Aprobar',
  'qa.console.hide': 'Ocultar',
  'qa.console.show': 'Mostrar de nuevo',
  'qa.console.markAnswered': 'Marcar respondida',
  'qa.console.markUnanswered': 'Marcar no respondida',
  'qa.console.highlight': 'Proyectar',
  'qa.console.unhighlight': 'Quitar de la pantalla',
  'qa.console.onScreen': 'En pantalla',
  'qa.console.filter.shown': 'A la vista',
  'qa.console.filter.pending': 'Pendientes',
  'qa.console.filter.hidden': 'Ocultas',
  'qa.console.empty': 'No hay preguntas aquí.',

  // Projector
  'qa.presenter.none': 'Envía tu pregunta desde tu teléfono',
  'qa.presenter.top': 'Preguntas más votadas',
  'qa.presenter.highlighted': 'Pregunta',

  // Agenda editor
  'qa.editor.maxLength': 'Largo máximo de una pregunta (caracteres)',
  'qa.editor.moderated': 'Aprobar cada pregunta antes de mostrarla',
  'qa.editor.openAllSession': 'Recibir preguntas durante toda la sesión',
  'qa.editor.newTitle': '¿Qué preguntas tienen para el Servicio Civil?',

  // Reports
  'qa.report.question': 'Pregunta',
  'qa.report.votes': 'Votos',
  'qa.report.answered': 'Respondida',
  'qa.report.hiddenCount': 'Preguntas ocultas por moderación',
  'qa.report.pendingCount': 'Preguntas sin aprobar',
  'qa.report.askers': 'Personas que preguntaron',
  'qa.report.none': 'No hubo preguntas a la vista.',
  'qa.report.removed': 'Las preguntas se eliminaron con los datos de participantes.',
  'qa.report.hidden': 'Preguntas ocultas por moderación: {n} · sin aprobar: {pending}',
} as const;
