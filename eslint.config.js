import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeOnly = ['electron', 'electron/*', 'keytar', 'node:*', 'fs', 'path', 'os', 'crypto', 'child_process']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'out/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'build/*.mjs'] } },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'off',
    },
  },
  {
    // shared/ runs in both worlds: no Electron, no Node, no DOM.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: nodeOnly.map((group) => ({ group: [group], message: 'shared/ must stay pure TypeScript.' })) },
      ],
    },
  },
  {
    // The renderer never reaches Node or main's services directly.
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeOnly.map((group) => ({ group: [group], message: 'The renderer is sandboxed: use window.warifu.' })),
            { group: ['**/electron/**'], message: 'The renderer never imports main-process code.' },
          ],
        },
      ],
    },
  },
  {
    // The browser companion runs in the browser: shared/ and its own modules only.
    files: ['extension/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, chrome: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeOnly.map((group) => ({ group: [group], message: 'The extension runs in the browser.' })),
            { group: ['**/electron/**', '**/renderer/**'], message: 'The extension shares code through shared/ only.' },
          ],
        },
      ],
    },
  },
  {
    // Tests poke at JSON and raw inputs on purpose.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
)
