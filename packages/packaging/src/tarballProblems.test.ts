import { describe, expect, it } from 'vitest';
import type { PackageManifest } from './packageEntries.js';
import { tarballProblems, type PackedPackage } from './tarballProblems.js';

const LICENSE = 'MIT License\n';
const manifest: PackageManifest = {
  name: '@aurpay-kit/demo',
  version: '1.0.0',
  main: './dist/index.js',
  types: './dist/index.d.ts',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
};
const good: Record<string, string> = {
  'package.json': '{}',
  'README.md': '# demo\n\n```sh\nnpm install @aurpay-kit/demo\n```\n',
  LICENSE,
  'CHANGELOG.md': '# @aurpay-kit/demo\n',
  'dist/index.js': 'export const a = 1;\n//# sourceMappingURL=index.js.map',
  'dist/index.js.map': JSON.stringify({ sources: ['../src/index.ts'] }),
  'dist/index.d.ts': 'export declare const a = 1;',
  'src/index.ts': 'export const a = 1;',
};

function packed(files: Record<string, string>, overrides: Partial<PackageManifest> = {}): PackedPackage {
  return { manifest: { ...manifest, ...overrides }, files: Object.keys(files).sort(), readText: (path) => files[path] ?? '' };
}

describe('tarballProblems', () => {
  it('finds nothing wrong with a package as it should be', () => {
    expect(tarballProblems(packed(good), LICENSE)).toEqual([]);
  });

  it('finds test helpers, tests, stories and modules that import test libraries', () => {
    const files = {
      ...good,
      'src/test-utils/setup.ts': "import { vi } from 'vitest';",
      'dist/index.test.js': '',
      'src/Checkout.stories.tsx': '',
      'dist/helpers.js': "import { render } from '@testing-library/react';",
      'dist/helpers.d.ts': '',
    };
    expect(tarballProblems(packed(files), LICENSE)).toEqual([
      'dist/helpers.js: imports a test-only library',
      'dist/index.test.js: only tests use it',
      'dist/index.test.js: no declaration beside it',
      'src/Checkout.stories.tsx: only tests use it',
      'src/test-utils/setup.ts: only tests use it',
      'src/test-utils/setup.ts: imports a test-only library',
    ]);
  });

  it('finds missing documents, a foreign LICENSE, missing targets and sources, and stray files', () => {
    const { 'README.md': _readme, 'src/index.ts': _source, ...rest } = good;
    const files = { ...rest, LICENSE: 'ISC\n', 'tsconfig.json': '{}' };
    expect(tarballProblems(packed(files, { bin: { demo: './bin/demo.js' } }), LICENSE)).toEqual([
      'dist/index.js.map: its source src/index.ts is not in the tarball',
      'tsconfig.json: not part of what a user installs (dist/, src/, bin/ and the documents)',
      'README.md is missing',
      'LICENSE differs from the repository LICENSE',
      './bin/demo.js is named in package.json but not in the tarball',
    ]);
  });
});
