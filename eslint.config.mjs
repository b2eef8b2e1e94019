// ESLint (flat config): `npm run lint`, also run by .ci/run.
// typescript-eslint's recommended rules for the TypeScript (without type information: it stays fast
// and needs no second program beside `tsc`), ESLint's recommended rules for the JavaScript.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'bench-results/', 'demo/kudos-app/', '**/*.vsix'] },
  // An eslint-disable comment that no longer silences anything is an error: each one left says why it is there.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    rules: {
      // Deliberate wherever they occur: ANSI colour codes stripped from Playwright's messages,
      // control characters escaped before text reaches a document.
      'no-control-regex': 'off',
      // Style only: `\/` in a regular expression literal reads as a path separator to many.
      'no-useless-escape': 'off',
      // Assigning `undefined` to drop the last reference before measuring memory is deliberate.
      'no-useless-assignment': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and benchmarks load modules at run time on purpose (a fresh module cache, a path computed
    // at run time, the activation shell as the editor loads it); in src/ a require() is the
    // exception and says why (src/ui/loader.ts, the lazy-loading seam).
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node scripts: the test bed, the demo, packaging, the build, the UI tests (run by Node, driving a browser).
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    // Code Playwright runs inside the page (page.evaluate, page.waitForFunction) sees the page's globals.
    files: ['test/ui/**/*.js', 'scripts/testbed/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
