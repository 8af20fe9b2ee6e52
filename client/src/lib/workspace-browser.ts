/** The workspace port of a real tab: the server over HTTP, the router, sessionStorage for tokens. */
import { accountApi } from './account.ts';
import { forgetFacilitatorToken, resolveFacilitatorToken } from './facilitator.svelte.ts';
import { router } from './router.svelte.ts';
import { workspaceApi } from './workspace.ts';
import type { WorkspacePort } from './workspace-port.ts';

export const browserWorkspacePort: WorkspacePort = {
  workspace: workspaceApi,
  accounts: accountApi,
  navigate: router.navigate,
  facilitatorToken: resolveFacilitatorToken,
  forgetFacilitatorToken,
  now: () => Date.now(),
};
