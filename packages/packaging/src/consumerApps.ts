import { workspaceRange } from './consumerProject.js';

/**
 * The TypeScript versions a user's app type-checks with: the one the kit builds with, and the
 * current major on npm (7, whose compiler is native; it has no `moduleResolution: node10`).
 */
export const TYPESCRIPT_VERSIONS: Record<string, string> = {
  '5.9': workspaceRange('typescript'),
  '7': '^7.0.2',
};

const typescripts = (labels: string[]) =>
  Object.fromEntries(labels.map((label) => [`typescript-${label}`, `npm:typescript@${TYPESCRIPT_VERSIONS[label]}`]));

/**
 * A shop on Express 5 and React that uses every package and subpath: each peer the README names,
 * the types a TypeScript user adds, and react-server-dom-webpack (React's own Server Components
 * renderer, pinned to React's version) to load the messages as a Server Component does.
 */
export function appDependencies(): Record<string, string> {
  const names = ['react', 'react-dom', '@radix-ui/react-dialog', 'qrcode.react', 'express', 'better-sqlite3', 'pg', 'ioredis'];
  const types = ['@types/node', '@types/react', '@types/react-dom', '@types/express', '@types/better-sqlite3', '@types/pg'];
  return {
    ...Object.fromEntries([...names, ...types].map((name) => [name, workspaceRange(name)])),
    'react-server-dom-webpack': workspaceRange('react'),
    ...typescripts(Object.keys(TYPESCRIPT_VERSIONS)),
  };
}

/** A CommonJS server on Express 4, the oldest major the server's peer range takes. */
export function express4Dependencies(): Record<string, string> {
  return {
    express: workspaceRange('express4').replace(/^npm:express@/, ''),
    '@types/express': '^4.17.25',
    '@types/node': workspaceRange('@types/node'),
    ...typescripts(['5.9']),
  };
}
