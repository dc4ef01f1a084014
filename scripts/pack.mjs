// Packs every published package (each non-private one under packages/) into a folder of tarballs,
// as the registry would serve them; build first (pnpm build).
//   node scripts/pack.mjs [folder]   default: tarballs/ at the repository root
// Then, in an app: npm install <folder>/aurpay-kit-core-<version>.tgz <folder>/aurpay-kit-server-<version>.tgz …
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The published packages: `{ name, version, dir, manifest }` for each non-private one under packages/. */
export function publishedPackages() {
  return readdirSync(join(ROOT, 'packages'))
    .map((name) => join(ROOT, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir, manifest }));
}

/**
 * Packs each published package with `pnpm pack` (which writes `workspace:` ranges as versions) into
 * `destination`; returns `{ name, version, tarball, files }` for each, `files` as the tarball lists them.
 *
 * @example const packed = packPublished('/tmp/tarballs'); // [{ name: '@aurpay-kit/core', tarball: '/tmp/tarballs/aurpay-kit-core-0.1.0.tgz', … }, …]
 */
export function packPublished(destination) {
  mkdirSync(destination, { recursive: true });
  return publishedPackages().map(({ name, version, dir }) => {
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${name} is not built (no dist/): run pnpm build first.`);
    const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const report = JSON.parse(out);
    return { name, version, tarball: resolve(destination, report.filename), files: report.files.map((file) => file.path).sort() };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const destination = resolve(process.argv[2] ?? join(ROOT, 'tarballs'));
  for (const { tarball } of packPublished(destination)) process.stdout.write(`${tarball}\n`);
}
