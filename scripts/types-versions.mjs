// Writes each published package's `typesVersions` from its `exports`, so that TypeScript's
// `moduleResolution: node` (node10), which reads no `exports`, finds the types of every subpath.
//   node scripts/types-versions.mjs          rewrite the package.json files that are out of date
//   node scripts/types-versions.mjs --check  exit 1, naming them, when any is out of date
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `{ "*": { "express": ["./dist/express/index.d.ts"], … } }` for every subpath with a `types` condition. */
export function typesVersionsFor(exports) {
  const paths = {};
  for (const [subpath, target] of Object.entries(exports ?? {})) {
    if (subpath === '.' || typeof target !== 'object' || target === null || typeof target.types !== 'string') continue;
    paths[subpath.replace(/^\.\//, '')] = [target.types];
  }
  return Object.keys(paths).length === 0 ? undefined : { '*': paths };
}

/** The package.json files of the workspace's published packages. */
export function publishedManifests() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir, 'package.json'))
    .filter((file) => existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).private !== true);
}

function sync(check) {
  const stale = [];
  for (const file of publishedManifests()) {
    const text = readFileSync(file, 'utf8');
    const pkg = JSON.parse(text);
    const wanted = typesVersionsFor(pkg.exports);
    if (JSON.stringify(pkg.typesVersions) === JSON.stringify(wanted)) continue;
    stale.push(file.slice(root.length));
    if (check) continue;
    // Keep the key beside `exports`, where a reader looks for it.
    const out = {};
    for (const [key, value] of Object.entries(pkg)) {
      if (key === 'typesVersions') continue;
      out[key] = value;
      if (key === 'exports' && wanted !== undefined) out.typesVersions = wanted;
    }
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`typesVersions out of date with exports in ${stale.join(', ')}: run node scripts/types-versions.mjs\n`);
    process.exit(1);
  }
  if (!check) for (const file of stale) process.stdout.write(`updated ${file}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) sync(process.argv.includes('--check'));
