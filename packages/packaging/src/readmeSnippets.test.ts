import { describe, expect, it } from 'vitest';
import { readmeSnippets, snippetFileName } from './readmeSnippets.js';

describe('readmeSnippets', () => {
  it('takes the ts and tsx blocks, in order, and leaves the rest', () => {
    const markdown = [
      '# x',
      '```sh',
      'npm install x',
      '```',
      '```ts',
      'const a = 1;',
      '```',
      'text',
      '```tsx',
      '<A />;',
      '```',
      '```json',
      '{}',
      '```',
    ].join('\n');
    const snippets = readmeSnippets(markdown, '@aurpay-kit/react/README.md');
    expect(snippets.map((s) => [s.lang, s.code, snippetFileName(s)])).toEqual([
      ['ts', 'const a = 1;\n', 'aurpay-kit-react-README-1.tsx'],
      ['tsx', '<A />;\n', 'aurpay-kit-react-README-2.tsx'],
    ]);
  });
});
