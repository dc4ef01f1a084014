import { posix } from 'node:path';
import { packageEntries, type PackageManifest } from './packageEntries.js';

export interface PackedPackage {
  manifest: PackageManifest;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
  readText(path: string): string;
}

/** What only tests use: never in a tarball. */
const TEST_ONLY_PATH =
  /(^|\/)(tests?|__tests__|test-utils|fixtures|__fixtures__|stories|__mocks__)(\/|$)|\.(test|spec|stories)\.[cm]?[jt]sx?(\.map)?$|(^|\/)setup(Tests)?\.[cm]?[jt]sx?$/;
/** Libraries only tests load; a shipped module that imports one breaks a user's app. */
const TEST_ONLY_IMPORT = /from\s+['"](vitest|@vitest\/[^'"]*|@testing-library\/[^'"]*|jsdom|fast-check|@aurpay-kit\/testing)['"]/;
const TOP_LEVEL = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|(dist|src|bin)\/.+)$/;
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * What is wrong with a packed package's contents: files only tests need, files outside what a
 * user needs, missing documents, `exports`, `main`, `types` or `bin` targets that are not in the
 * tarball, modules without declarations, source maps whose sources are missing, and a LICENSE
 * other than the repository's. Empty when all is well.
 *
 * @example expect(tarballProblems(packed, rootLicense)).toEqual([]);
 */
export function tarballProblems(pkg: PackedPackage, license: string): string[] {
  const problems: string[] = [];
  const present = new Set(pkg.files);
  const target = (path: string) => posix.normalize(path.replace(/^\.\//, ''));
  for (const file of pkg.files) {
    if (TEST_ONLY_PATH.test(file)) problems.push(`${file}: only tests use it`);
    if (!TOP_LEVEL.test(file)) problems.push(`${file}: not part of what a user installs (dist/, src/, bin/ and the documents)`);
    if (/\.[cm]?[jt]sx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file) && TEST_ONLY_IMPORT.test(pkg.readText(file))) {
      problems.push(`${file}: imports a test-only library`);
    }
    if (/^dist\/.+\.js$/.test(file) && !present.has(file.replace(/\.js$/, '.d.ts'))) problems.push(`${file}: no declaration beside it`);
    if (file.endsWith('.map')) {
      const { sources = [] } = JSON.parse(pkg.readText(file)) as { sources?: string[] };
      for (const source of sources) {
        const path = posix.normalize(posix.join(posix.dirname(file), source));
        if (!present.has(path)) problems.push(`${file}: its source ${path} is not in the tarball`);
      }
    }
  }
  for (const file of REQUIRED) if (!present.has(file)) problems.push(`${file} is missing`);
  if (present.has('LICENSE') && pkg.readText('LICENSE') !== license) problems.push('LICENSE differs from the repository LICENSE');
  if (
    present.has('README.md') &&
    !pkg
      .readText('README.md')
      .split('\n')
      .some((line) => line.startsWith('npm install ') && line.includes(pkg.manifest.name))
  ) {
    problems.push(`README.md does not say how to install ${pkg.manifest.name}`);
  }
  const { main, types, bin } = pkg.manifest;
  const targets = [main, types, ...(typeof bin === 'string' ? [bin] : Object.values(bin ?? {}))];
  for (const entry of packageEntries(pkg.manifest)) targets.push(...Object.values(entry.targets));
  for (const path of targets)
    if (path !== undefined && !present.has(target(path))) problems.push(`${path} is named in package.json but not in the tarball`);
  return problems;
}
