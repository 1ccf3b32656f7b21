import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';


export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Security by default: no HTML parsing of strings, no code from strings.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never parse strings as HTML: use Lit templates or textContent.' },
        { property: 'outerHTML', message: 'Never parse strings as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Never parse strings as HTML.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: user text is text.' }] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Library code never prints: personal data must not reach logs through a stray console call.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/workshop/src/cli.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Tests deliberately write canaries with markup into the DOM to prove they never run.
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
