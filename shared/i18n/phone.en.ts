/** English of phone.es-CL.ts: every key of the participant's phone messages. */
import type { phoneEsCL } from './phone.es-CL.ts';

export const phoneEn: Record<keyof typeof phoneEsCL, string> = {
  'phone.notSent': 'Not sent yet.',
  'phone.changedNotSent': 'Your change is not sent yet.',
  'phone.rateClear': 'Tap a number again to clear it.',
  'phone.noticeMore': 'More about your data',
  'phone.closedRead': 'As it stood when the session ended; it can no longer be changed.',
  'phone.closedSynthesis': 'Your sala’s synthesis',
  'phone.oneMinuteLeft': '1 minute left.',
  'phone.minutesLeft': '{n} minutes left.',
  'phone.sessionLocale': 'Language of the phones and the projector',
  'phone.sessionLocaleHint': 'Anyone who prefers another language can switch it on their own phone.',
};
