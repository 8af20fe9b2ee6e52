import type { homeEsCL } from './home.es-CL.ts';

/** The home page's creation messages in English: every key of home.es-CL.ts (checked at compile time). */
export const homeEn: Record<keyof typeof homeEsCL, string> = {
  'home.signInLead': 'This installation has accounts: to create a session, sign in with yours first.',
  'home.signInSubmit': 'Sign in to create a session',
  'home.keepTitle': 'Keep the console link',
  'home.keepLead':
    'The session “{title}” is created. This link is the only key to its console: whoever has it can run the session, and it cannot be recovered. Keep it (in your bookmarks or an email to yourself) and do not share it.',
  'home.keepCopy': 'Copy the console link',
  'home.keepOpen': 'Go to the console',
};
