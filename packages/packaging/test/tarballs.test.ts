import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../src/consumerProject.js';
import type { PackageManifest } from '../src/packageEntries.js';
import { runCommand } from '../src/runCommand.js';
import { tarballProblems } from '../src/tarballProblems.js';

const { tarballs } = inject('packaging');
const REPORTS = fileURLToPath(new URL('../test-results/tarballs/', import.meta.url));
const ATTW = fileURLToPath(new URL('../node_modules/@arethetypeswrong/cli/dist/index.js', import.meta.url));
const unpacked = mkdtempSync(join(tmpdir(), 'aurpay-kit-unpacked-'));
mkdirSync(REPORTS, { recursive: true });
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

it('packs every published package', () => {
  expect(Object.keys(tarballs).sort()).toEqual(['@aurpay-kit/core', '@aurpay-kit/react', '@aurpay-kit/sandbox', '@aurpay-kit/server']);
});

it('gives every subpath in exports its typesVersions entry, for moduleResolution node', async () => {
  const result = await runCommand('node', ['scripts/types-versions.mjs', '--check'], {
    cwd: REPO_ROOT,
    timeoutMs: 60_000,
    allowFailure: true,
  });
  expect(result.code, result.stderr).toBe(0);
});

describe.each(Object.entries(tarballs))('%s', (name, tarball) => {
  const report = join(REPORTS, name.replace('@aurpay-kit/', ''));

  it('holds what a user needs and nothing only tests need', async () => {
    const dir = join(unpacked, name.replace('/', '-'));
    mkdirSync(dir, { recursive: true });
    await runCommand('tar', ['-xzf', tarball, '-C', dir], { cwd: dir, timeoutMs: 60_000 });
    const root = join(dir, 'package');
    const files = walk(root)
      .map((file) => relative(root, file))
      .sort();
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
    // The listing, for a reader of the test results: every file and its size.
    const listing = files.map((file) => `${String(statSync(join(root, file)).size).padStart(8)}  ${file}`);
    writeFileSync(
      `${report}.files.txt`,
      `${name}: ${files.length} files, tarball ${statSync(tarball).size} bytes\n${listing.join('\n')}\n`,
    );

    expect(manifest.name).toBe(name);
    const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(tarballProblems({ manifest, files, readText: (path) => readFileSync(join(root, path), 'utf8') }, license)).toEqual([]);
    // The entry files, which every other check builds on.
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts']),
    );
  });

  it('passes publint, warnings and suggestions included', async () => {
    const data = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    const lines = messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
    writeFileSync(`${report}.publint.txt`, lines.length === 0 ? 'publint: no messages\n' : `${lines.join('\n')}\n`);
    expect(lines).toEqual([]);
  });

  it('passes attw: types resolve under node10, node16 and bundler for every entry', async () => {
    // cjs-resolves-to-esm is ignored on purpose: the packages are ES modules that require() loads
    // on Node 20.19 and later, which attw does not model yet; consumer.test.ts runs require() on
    // every entry in a real CommonJS app instead.
    const result = await runCommand(
      'node',
      [ATTW, tarball, '--format', 'ascii', '--no-color', '--no-definitely-typed', '--ignore-rules', 'cjs-resolves-to-esm'],
      { cwd: REPO_ROOT, timeoutMs: 5 * 60_000, allowFailure: true },
    );
    writeFileSync(`${report}.attw.txt`, result.stdout + result.stderr);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});
