/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { earlyCheck } from './server/cli/early-check.ts';
import { phoneChunks } from './server/cli/phone-chunks.ts';
import { phoneMessages } from './server/cli/phone-messages.ts';
import { precompress } from './server/cli/precompress.ts';
import { serviceWorker } from './server/cli/service-worker.ts';

// The client lives in client/; the server serves client/dist in production.
// In development Vite proxies the API and Socket.IO to the server (npm run dev).
const serverPort = Number(process.env.PORT ?? 3000);
const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'client',
  // earlyCheck: a join link's code check starts before the app's code is in; phoneChunks: what a
  // phone loads in three files, not thirty; phoneMessages: only the phone's Spanish messages in
  // them; serviceWorker: /sw.js, the participant's page offline; precompress: brotli and gzip
  // copies of the built files, sent by the server as they are.
  plugins: [svelte(), earlyCheck(), phoneChunks(), phoneMessages(), serviceWorker(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020' },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://localhost:${serverPort}`,
      '/healthz': `http://localhost:${serverPort}`,
      '/socket.io': { target: `ws://localhost:${serverPort}`, ws: true },
    },
  },
  test: {
    root: repoRoot,
    projects: [
      // Extends the root config: the Svelte plugin compiles the runes of client state classes
      // (*.svelte.ts) under test. Generous timeouts everywhere: on a busy machine a test is slow,
      // not wrong (docs/performance.md).
      { extends: true, test: { root: repoRoot, name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          root: repoRoot,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/support/build-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          root: repoRoot,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // expect.poll waits 1 s by default: too short for a page on a busy machine.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
