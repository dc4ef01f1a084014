export interface Snippet {
  /** Where it comes from: `README.md`, `packages/core/README.md`. */
  readme: string;
  /** Its place among that README's TypeScript blocks, from 1. */
  index: number;
  lang: 'ts' | 'tsx';
  code: string;
}

/**
 * The TypeScript code blocks (```ts and ```tsx) of a README, in order.
 *
 * @example readmeSnippets(readFileSync('README.md', 'utf8'), 'README.md')[0].lang // 'ts'
 */
export function readmeSnippets(markdown: string, readme: string): Snippet[] {
  const snippets: Snippet[] = [];
  for (const match of markdown.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)) {
    snippets.push({ readme, index: snippets.length + 1, lang: match[1] as 'ts' | 'tsx', code: match[2] ?? '' });
  }
  return snippets;
}

/** A file name for a snippet: `README.md` block 2 → `README-2.tsx`, `@aurpay-kit/react/README.md` block 1 → `aurpay-kit-react-README-1.tsx`. */
export function snippetFileName(snippet: Snippet): string {
  return `${snippet.readme
    .replace(/\.md$/, '')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+/, '')}-${snippet.index}.tsx`;
}
