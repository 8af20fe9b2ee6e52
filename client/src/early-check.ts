// The page's first script: on a join link it starts the code check and connects the socket at
// once (see lib/early-check.ts and lib/early-socket.ts).
import { joinLinkCode, startEarlyCheck } from './lib/early-check.ts';
import { startEarlySocket } from './lib/early-socket.ts';

const code = joinLinkCode();
if (code !== null) {
  startEarlyCheck(code);
  startEarlySocket(code);
}
