import { describe, expect, inject, it } from 'vitest';
import { installedManifests } from '../src/installedManifests.js';
import { packageEntries } from '../src/packageEntries.js';
import { runCommand } from '../src/runCommand.js';

const { tarballs, app, express4 } = inject('packaging');

const projects = [
  // Every entry: this app has every peer.
  { label: 'the Express 5 and React app', project: app, packages: Object.keys(tarballs), without: /^$/ },
  // Express alone: the store subpaths need their drivers.
  {
    label: 'the Express 4 app',
    project: express4,
    packages: ['@aurpay-kit/core', '@aurpay-kit/server', '@aurpay-kit/sandbox'],
    without: /\/(redis|sqlite|postgres)$/,
  },
];

describe.each(projects)('in $label', ({ project, packages, without }) => {
  const entries = installedManifests(project.dir, packages).flatMap(packageEntries);
  const modules = entries.filter((entry) => entry.kind === 'js' && !without.test(entry.specifier)).map((entry) => entry.specifier);

  it('require() loads every entry, with the same exports as import()', async () => {
    const required = JSON.parse(
      (await runCommand('node', ['entries.cjs', JSON.stringify(modules)], { cwd: project.dir, timeoutMs: 120_000 })).stdout,
    ) as Record<string, string[]>;
    const imported = JSON.parse(
      (await runCommand('node', ['entries.mjs', JSON.stringify(modules)], { cwd: project.dir, timeoutMs: 120_000 })).stdout,
    ) as {
      loaded: Record<string, string[]>;
    };
    expect(Object.keys(required).sort()).toEqual([...modules].sort());
    for (const specifier of modules) {
      expect(required[specifier]?.length, specifier).toBeGreaterThan(0);
      expect(required[specifier], specifier).toEqual(imported.loaded[specifier]);
    }
  });
});

it('offers the main entry’s English, unchanged, and every other language from @aurpay-kit/react/messages', async () => {
  const specifiers = ['@aurpay-kit/react', '@aurpay-kit/react/messages'];
  const { catalogues } = JSON.parse(
    (await runCommand('node', ['entries.mjs', JSON.stringify(specifiers)], { cwd: app.dir, timeoutMs: 120_000 })).stdout,
  ) as {
    catalogues: Record<string, Record<string, Record<string, string>>>;
  };
  const main = catalogues['@aurpay-kit/react'] ?? {};
  const all = catalogues['@aurpay-kit/react/messages'] ?? {};
  // Only English in the main entry: a shop bundles the other languages it imports, no more.
  expect(Object.keys(main)).toEqual(['enMessages']);
  expect(all.enMessages).toEqual(main.enMessages);
  expect(Object.keys(all).sort()).toEqual(
    ['ar', 'de', 'en', 'es', 'fr', 'he', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'tr', 'uk', 'vi', 'zh'].map(
      (code) => `${code}Messages`,
    ),
  );
  // Each language has every text English has.
  for (const [name, catalogue] of Object.entries(all))
    expect(Object.keys(catalogue).sort(), name).toEqual(Object.keys(main.enMessages ?? {}).sort());
});
