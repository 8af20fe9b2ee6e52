/**
 * Commitments until the next session: the editor, the phone, the projector and the console.
 * Spread into es-CL.ts; commitment.en.ts mirrors every key.
 */
export const commitmentEsCL = {
  'kind.commitment': 'Compromiso',
  'exports.kind.commitment': 'Compromiso',
  'error.COMMITMENT_NOT_FOUND': 'No encontramos un compromiso tuyo de una sesión anterior de esta serie. Revisa el código.',

  'commitment.draft.title': '¿Qué harás antes de la próxima sesión?',
  'commitment.draft.reviewTitle': 'Tu compromiso de la sesión anterior',
  'commitment.editor.mode': 'Momento',
  'commitment.editor.write': 'Al cierre: cada participante escribe una cosa que hará antes de la próxima sesión',
  'commitment.editor.review': 'Al retomar: cada participante ve su compromiso de la sesión anterior de la serie y dice si lo hizo',
  'commitment.editor.privacy': 'Nadie ve quién escribió qué, ni la pantalla ni quien facilita: solo se cuentan.',
  'commitment.editor.reviewHint': 'Va al comienzo de la sesión siguiente de la misma serie, en «Retomando».',
  'commitment.kind.write': 'Compromiso: escribir',
  'commitment.kind.review': 'Compromiso: retomar',

  'commitment.write.lead': 'Escribe una cosa que harás antes de la próxima sesión. Es privado: nadie más lo verá, tampoco quien facilita.',
  'commitment.write.label': 'Mi compromiso',
  'commitment.write.left': 'Quedan {n} caracteres',
  'commitment.write.save': 'Guardar mi compromiso',
  'commitment.write.update': 'Guardar cambios',
  'commitment.write.saving': 'Guardando…',
  'commitment.write.saved': 'Guardado. Lo verás al comenzar la próxima sesión; puedes cambiarlo mientras esta actividad siga en pantalla.',
  'commitment.write.code': 'Tu código',
  'commitment.write.codeHint': 'Anótalo: si en la próxima sesión usas otro teléfono o navegador, con este código verás tu compromiso.',

  'commitment.review.lead': 'Tu compromiso de la sesión anterior',
  'commitment.review.from': 'Lo escribiste en «{title}».',
  'commitment.review.question': '¿Lo hiciste?',
  'commitment.review.thanks': 'Gracias. Solo se cuenta tu respuesta, sin tu nombre.',
  'commitment.review.looking': 'Buscando tu compromiso…',
  'commitment.review.notHere': 'No encontramos en este navegador un compromiso tuyo de la sesión anterior.',
  'commitment.review.codeLabel': 'Código de tu compromiso',
  'commitment.review.codeHint': 'Ocho letras y números, como ABCD-EFGH.',
  'commitment.review.find': 'Buscar mi compromiso',
  'commitment.review.none': 'Si no escribiste un compromiso en la sesión anterior, no tienes que hacer nada aquí: mira la pantalla.',
  'commitment.outcome.done': 'Sí, lo hice',
  'commitment.outcome.started': 'Lo comencé',
  'commitment.outcome.notYet': 'Todavía no',

  'commitment.tally.written': '{n} compromisos escritos',
  'commitment.tally.writtenOne': '1 compromiso escrito',
  'commitment.tally.private': 'Cada compromiso es privado: aquí solo se cuentan.',
  'commitment.tally.began': '{n} de {total} lo comenzaron',
  'commitment.tally.beganHint': 'Lo comenzaron: quienes lo hicieron y quienes lo comenzaron.',
  'commitment.tally.answered': '{n} personas han respondido',
  'commitment.tally.few': 'Las cifras se muestran desde 5 respuestas, para que nadie quede a la vista.',
  'commitment.tally.outcomes': 'Respuestas sobre los compromisos',
  'commitment.console.privacy': 'No verás ningún compromiso ni quién lo escribió: solo cuántos.',
};
