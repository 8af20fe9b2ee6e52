// Lint: ESLint's and typescript-eslint's recommended rules for the TypeScript, and
// eslint-plugin-svelte's for the components and rune modules. Formatting is Prettier's job.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['node_modules/', 'dist/', 'client/dist/', 'data/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // A leading underscore marks what is left unused on purpose (a destructured field set aside).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A closure that reads a timer before the line that sets it (to clear it) needs a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // State classes replace a Set whole ($state.raw) or keep bookkeeping that no view reads;
      // a SvelteSet would make every such set reactive for nothing.
      'svelte/prefer-svelte-reactivity': 'off',
      // Props and runes are declared with let: the Svelte rule knows which of those may be const.
      'prefer-const': 'off',
      'svelte/prefer-const': 'error',
    },
  },
  {
    // The participant pages' service worker: plain JavaScript in a worker's scope.
    files: ['client/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker, __PLENARIO_SHELL_ASSETS__: 'readonly' } },
  },
  {
    // The server awaits its storage (a PostgreSQL round trip behind the same port as SQLite's):
    // a promise left floating is a write nobody waits for, or an error nobody sees.
    files: ['server/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Command-line tools and the bench talk to a terminal.
    files: ['server/cli/**', 'tests/**', 'server/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
