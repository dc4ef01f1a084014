import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as fetchEntry from './index.js';

/** Every module `entry` loads at run time (type-only imports are erased): relative files and bare specifiers. */
function runtimeImports(entry: string): { files: Set<string>; specifiers: Set<string> } {
  const files = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)(?!\s+type\s)[^;]*?\sfrom\s+'([^']+)';/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else specifiers.add(specifier);
    }
  };
  visit(entry);
  return { files, specifiers };
}

describe('@aurpay-kit/server/fetch', () => {
  it('exports the handler and the platform address reader', () => {
    expect(Object.keys(fetchEntry).sort()).toEqual(['createCheckoutFetchHandler', 'platformClientAddress']);
  });

  it('loads nothing Bun, Deno or a Next.js route handler lacks: no node:http, no Express, no database driver', () => {
    const { files, specifiers } = runtimeImports(fileURLToPath(new URL('./index.ts', import.meta.url)));
    expect(files.size).toBeGreaterThan(20);
    expect([...specifiers].sort()).toEqual(['@aurpay-kit/core', 'content-type', 'node:crypto', 'node:net', 'rate-limiter-flexible', 'zod']);
    for (const file of files) expect(file).not.toMatch(/[/\\](express|redis|postgres|sqlite)[/\\]/);
  });
});
