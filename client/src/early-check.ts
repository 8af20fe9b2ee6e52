// The page's first script: on a join link it starts the code check at once (see lib/early-check.ts).
import { startEarlyCheck } from './lib/early-check.ts';

startEarlyCheck();
