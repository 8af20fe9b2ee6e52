import type { commitmentEsCL } from './commitment.es-CL.ts';

/** English for commitment.es-CL.ts, key for key. */
export const commitmentEn: Record<keyof typeof commitmentEsCL, string> = {
  'kind.commitment': 'Commitment',
  'agenda.addKind.commitment': 'Commitment until the next session',
  'exports.kind.commitment': 'Commitment',
  'error.COMMITMENT_NOT_FOUND': 'We found no commitment of yours from an earlier session of this series. Check the code.',

  'commitment.draft.title': 'What will you do before the next session?',
  'commitment.draft.reviewTitle': 'Your commitment from the last session',
  'commitment.editor.mode': 'Moment',
  'commitment.editor.write': 'At the close: each participant writes one thing they will do before the next session',
  'commitment.editor.review':
    'When resuming: each participant sees their commitment from the last session of the series and says whether they did it',
  'commitment.editor.privacy': 'Nobody sees who wrote what, neither the screen nor the facilitator: they are only counted.',
  'commitment.editor.reviewHint': 'Goes at the start of the next session of the same series, under “Resuming”.',
  'commitment.kind.write': 'Commitment: write',
  'commitment.kind.review': 'Commitment: follow up',

  'commitment.write.lead':
    'Write one thing you will do before the next session. It is private: nobody else will see it, not even the facilitator.',
  'commitment.write.label': 'My commitment',
  'commitment.write.left': '{n} characters left',
  'commitment.write.save': 'Save my commitment',
  'commitment.write.update': 'Save changes',
  'commitment.write.saving': 'Saving…',
  'commitment.write.saved': 'Saved. You will see it at the start of the next session; you can change it while this activity is on screen.',
  'commitment.write.code': 'Your code',
  'commitment.write.codeHint':
    'Write it down: if you use another phone or browser at the next session, this code shows you your commitment.',

  'commitment.review.lead': 'What you set out to do',
  'commitment.review.from': 'You wrote it at “{title}”.',
  'commitment.review.question': 'Did you do it?',
  'commitment.review.thanks': 'Thank you. Only your answer is counted, without your name.',
  'commitment.review.looking': 'Looking for your commitment…',
  'commitment.review.notHere': 'We found no commitment of yours from the last session in this browser.',
  'commitment.review.codeLabel': 'Your commitment’s code',
  'commitment.review.codeHint': 'Eight letters and digits, like ABCD-EFGH.',
  'commitment.review.find': 'Find my commitment',
  'commitment.review.none': 'If you did not write a commitment at the last session, there is nothing to do here: watch the screen.',
  'commitment.outcome.done': 'Yes, I did it',
  'commitment.outcome.started': 'I started it',
  'commitment.outcome.notYet': 'Not yet',

  'commitment.tally.written': '{n} commitments written',
  'commitment.tally.writtenOne': '1 commitment written',
  'commitment.tally.private': 'Each commitment is private: here they are only counted.',
  'commitment.tally.began': '{n} of {total} started it',
  'commitment.tally.beganHint': 'Started it: those who did it and those who started it.',
  'commitment.tally.answered': '{n} people have answered',
  'commitment.tally.answeredOne': '1 person has answered',
  'commitment.tally.few': 'Figures are shown from 5 answers on, so that nobody is singled out.',
  'commitment.tally.outcomes': 'Answers about the commitments',
  'commitment.console.privacy': 'You will see no commitment and not who wrote it: only how many.',
};
