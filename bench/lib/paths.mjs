// Where the bench finds the workspace: the built packages (what a shop installs) and the tools and
// peer libraries installed for the packages that use them. The bench is plain ESM with no
// dependencies of its own, so each one is resolved from the package that declares it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH = fileURLToPath(new URL('../', import.meta.url));

const requireFrom = (pkg) => createRequire(`${ROOT}packages/${pkg}/package.json`);

/** `import()` of a dependency as resolved from one of the workspace packages. */
export async function importFrom(pkg, specifier) {
  return import(pathToFileURL(requireFrom(pkg).resolve(specifier)).href);
}

/** `import()` of a workspace package's built entry, e.g. `dist('server', 'express/index.js')`. */
export async function dist(pkg, entry = 'index.js') {
  const url = pathToFileURL(`${ROOT}packages/${pkg}/dist/${entry}`).href;
  try {
    return await import(url);
  } catch (error) {
    throw new Error(`cannot load ${url}: build it first (pnpm --filter @aurpay-kit/${pkg} build)`, { cause: error });
  }
}

/** A package's own version, for the report. */
export function versionOf(pkg, specifier) {
  // Read from the package's node_modules: not every package exports its package.json.
  const file = `${ROOT}packages/${pkg}/node_modules/${specifier}/package.json`;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}
