// Run before the browser tests (npm run test:e2e): finds or installs Chromium once, outside the test timeouts.
import { ensureChromium } from './chromium.ts';

console.log(`Chromium: ${ensureChromium()}`);
