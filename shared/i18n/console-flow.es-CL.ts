/**
 * The console's flow: confirmations of what cannot be taken back lightly, the undo of an early
 * end, keeping a question open, the projector preview and the closed session. Spread into
 * es-CL.ts; console-flow.en.ts mirrors every key.
 */
export const consoleFlowEsCL = {
  'console.confirm.cancel': 'Cancelar',
  'console.confirm.endPhase.discussion.title': '¿Terminar la conversación?',
  'console.confirm.endPhase.discussion.body':
    'Las salas pasan de inmediato a la cuenta regresiva para volver al plenario. Le quedan {left} a la conversación. Podrás deshacerlo durante 15 segundos.',
  'console.confirm.endPhase.intro.title': '¿Terminar la primera parte?',
  'console.confirm.endPhase.intro.body': 'Las salas pasan de inmediato a la conversación. Podrás deshacerlo durante 15 segundos.',
  'console.confirm.endPhase.return.title': '¿Cerrar las salas ahora?',
  'console.confirm.endPhase.return.body':
    'La cuenta regresiva termina y las salas se cierran: todos vuelven al plenario. Podrás deshacerlo durante 15 segundos.',
  'console.confirm.endPhase.action': 'Sí, terminar la fase',
  'console.confirm.endWriting.title': '¿Cerrar la escritura de las síntesis?',
  'console.confirm.endWriting.body':
    'Las secretarías ya no podrán escribir ni guardar cambios. Les quedan {left}. Podrás deshacerlo durante 15 segundos.',
  'console.confirm.endWriting.action': 'Sí, cerrar la escritura',
  'console.confirm.closeSession.title': '¿Terminar la sesión?',
  'console.confirm.closeSession.body':
    'Nadie más podrá unirse ni responder, las votaciones abiertas se cierran y el código quedará libre. Esto no se puede deshacer; los informes siguen disponibles.',
  'console.confirm.closeSession.action': 'Sí, terminar la sesión',
  'console.undo.phaseEnded': 'Terminaste la fase «{phase}».',
  'console.undo.writingEnded': 'Cerraste la escritura.',
  'console.undo.action': 'Deshacer ({seconds} s)',
  'console.keepOpen.label': 'Mantener la votación abierta al avanzar',
  'console.keepOpen.hint': 'Si no, se cierra cuando pasas a otra actividad.',
  'console.keepOpen.badge': 'Queda abierta',
  'console.projector.title': 'En el proyector',
  'console.projector.joinScreen': 'Código y QR para unirse',
  'console.projector.blank': 'Pantalla en negro',
  'console.projector.resultsHidden': 'Resultados ocultos',
  'console.projector.upNext': 'A continuación',
  'console.projector.upNextNone': 'Es la última actividad de la agenda.',
  'console.closed.title': 'La sesión terminó',
  'console.closed.lead':
    'El código quedó libre y nadie más puede unirse ni responder. Lo que se respondió y las síntesis quedan guardados en los informes.',
  'console.closed.participants': '{n} participantes',
} as const;
