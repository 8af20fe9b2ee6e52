/**
 * What the workspace's state classes need from the outside world: the HTTP calls, moving to
 * another screen, and this tab's console tokens. The screens pass `browserWorkspacePort`
 * (workspace-browser.ts); the unit tests pass fakes, so the classes run without a browser.
 */
import type { Account } from '../../../shared/accounts.ts';
import type { CreatedSession } from '../../../shared/types.ts';
import type { accountApi } from './account.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import type { workspaceApi } from './workspace.ts';

export type WorkspaceApi = typeof workspaceApi;
export type AccountApi = typeof accountApi;

export interface WorkspacePort {
  workspace: WorkspaceApi;
  accounts: AccountApi;
  navigate: (href: string, options?: { replace?: boolean }) => void;
  /** This tab's console token for a session: keeps `token` when given, else reads the kept one. */
  facilitatorToken: (sessionId: string, token: string | null) => string | null;
  forgetFacilitatorToken: (sessionId: string) => void;
  /** The clock, for what the retention period would clear now. */
  now: () => number;
}

/** Who is signed in, as the workspace screens start: nobody, an account, or a failure to ask. */
export type SignedIn = { kind: 'failed'; code: UiErrorCode } | { kind: 'signed-out' } | { kind: 'account'; account: Account };

export async function signedIn(port: WorkspacePort): Promise<SignedIn> {
  const me = await port.accounts.me();
  if (!me.ok) return { kind: 'failed', code: me.code };
  return me.data.account ? { kind: 'account', account: me.data.account } : { kind: 'signed-out' };
}

/** Where the workspace sends someone the server does not know (any more). */
export function toSignIn(port: WorkspacePort): void {
  port.navigate('/signin', { replace: true });
}

/** The signed-in account; null after sending someone signed out to sign in, or after `failed`. */
export async function workspaceAccount(port: WorkspacePort, failed: (code: UiErrorCode) => void): Promise<Account | null> {
  const who = await signedIn(port);
  if (who.kind === 'failed') failed(who.code);
  else if (who.kind === 'signed-out') toSignIn(port);
  return who.kind === 'account' ? who.account : null;
}

/** Keeps a console link's token for this tab, then opens the console (it reads the token from the fragment or here). */
export function openConsole(port: WorkspacePort, link: CreatedSession): string | null {
  const token = port.facilitatorToken(link.id, link.facilitatorToken);
  port.navigate(link.facilitatorUrl);
  return token;
}
