import root from '../../eslint.config.js';

// consumer/ holds plain JavaScript that runs in a fresh npm project on Node, as a user's app.
const node = Object.fromEntries(
  ['process', 'console', 'fetch', 'AbortController', 'TextDecoder', 'setTimeout', 'clearTimeout', 'URL', 'Request'].map((name) => [
    name,
    'readonly',
  ]),
);

export default [
  ...root,
  { files: ['consumer/**/*.mjs'], languageOptions: { globals: node } },
  {
    files: ['consumer/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...node, require: 'readonly', exports: 'writable', module: 'writable' } },
    // The point of these files: a CommonJS app loading the kit with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['consumer/types/**'],
    // A global declaration file can only name module types with import(); the app logs as apps do.
    rules: { '@typescript-eslint/consistent-type-imports': 'off', 'no-console': 'off' },
  },
];
