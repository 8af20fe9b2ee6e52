import type { oidcEsCL } from './oidc.es-CL.ts';

/** Sign-in with the identity provider, in English: every key of oidc.es-CL.ts (checked at compile time). */
export const oidcEn: Record<keyof typeof oidcEsCL, string> = {
  'oidc.signIn': 'Sign in with {name}',
  'oidc.or': 'or with your email and password',
  'oidc.refused.attempt-unknown': 'That sign-in attempt is not valid or was already used. Try again from here.',
  'oidc.refused.attempt-expired': 'The sign-in attempt took too long and expired. Try again.',
  'oidc.refused.provider-refused':
    'Your sign-in with the institutional account could not be confirmed. Try again; if it happens again, tell whoever runs Plenario.',
  'oidc.refused.no-email': 'Your institutional account did not give a verified email, so we cannot tell who you are.',
  'oidc.refused.not-allowed':
    'Your email is not allowed to facilitate in Plenario. Ask whoever runs Plenario to add it to the sign-in list.',
  'oidc.allowList.title': 'Who may sign in with {name}',
  'oidc.allowList.lead':
    'The first time someone with an email or domain on this list signs in with {name}, their facilitator account is created. Removing an entry does not remove accounts already created.',
  'oidc.allowList.entry': 'Email or domain',
  'oidc.allowList.entryHint': 'An email (ana@servicio.cl) or a whole domain (servicio.cl).',
  'oidc.allowList.add': 'Add',
  'oidc.allowList.adding': 'Adding…',
  'oidc.allowList.invalid': 'Write an email (ana@servicio.cl) or a domain (servicio.cl).',
  'oidc.allowList.empty': 'The list is empty: nobody can create their account by signing in with {name}.',
  'oidc.allowList.domain': 'The whole domain {domain}',
  'oidc.allowList.remove': 'Remove',
  'oidc.allowList.removeLabel': 'Remove {entry} from the list',
  'oidc.allowList.listLabel': 'Allowed emails and domains',
  'audit.action.sign-in-allowlist.added': 'Added to the sign-in list',
  'audit.action.sign-in-allowlist.removed': 'Removed from the sign-in list',
  'oidc.audit.allowList': 'Sign-in list for institutional accounts',
  'oidc.audit.viaProvider': 'With institutional account',
  'oidc.audit.refused': 'With institutional account: {reason}',
  'oidc.audit.reason.attempt-unknown': 'unknown or repeated attempt',
  'oidc.audit.reason.attempt-expired': 'attempt expired',
  'oidc.audit.reason.provider-refused': 'answer not confirmed',
  'oidc.audit.reason.no-email': 'no verified email',
  'oidc.audit.reason.not-allowed': 'email not allowed',
};
