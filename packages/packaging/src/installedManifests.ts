import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManifest } from './packageEntries.js';

/**
 * The manifests of the given packages as npm installed them in a project.
 *
 * @example installedManifests(app.dir, ['@aurpay-kit/core'])[0].version // '0.1.0'
 */
export function installedManifests(projectDir: string, names: readonly string[]): PackageManifest[] {
  return names.map((name) => JSON.parse(readFileSync(join(projectDir, 'node_modules', name, 'package.json'), 'utf8')) as PackageManifest);
}
