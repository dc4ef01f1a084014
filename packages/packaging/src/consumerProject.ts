import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './runCommand.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The files every consumer project starts with: the checks it runs, as a user's app would. */
const CONSUMER_FILES = fileURLToPath(new URL('../consumer/', import.meta.url));

/** The range the kit develops against, from the workspace's own manifests: one truth for versions. */
export function workspaceRange(name: string): string {
  const manifests = [
    join(REPO_ROOT, 'package.json'),
    ...['packages', 'examples'].flatMap((group) =>
      readdirSync(join(REPO_ROOT, group)).map((dir) => join(REPO_ROOT, group, dir, 'package.json')),
    ),
  ];
  for (const file of manifests) {
    let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8')) as typeof pkg;
    } catch {
      continue;
    }
    const range = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
    if (range !== undefined && !range.startsWith('workspace:')) return range;
  }
  throw new Error(`No workspace package depends on ${name}: name its range in consumerProject.ts.`);
}

export interface ConsumerProject {
  dir: string;
  /** `node_modules/.bin`-free paths to each TypeScript compiler installed, by version label. */
  typescript: Record<string, string>;
}

export interface ConsumerOptions {
  /** Tarballs to install, by package name. */
  tarballs: Record<string, string>;
  /** Registry packages, by name: `{ express: '^5.3.0', 'typescript-5.9': 'npm:typescript@~5.9.3' }`. */
  dependencies: Record<string, string>;
}

/**
 * A fresh npm project outside the workspace, with the tarballs and the registry packages installed
 * by npm as a user's app would have them (`npm install`, lockfile and all), and the check scripts
 * of `consumer/` copied in. Install scripts are not run: better-sqlite3's would fetch a prebuilt
 * binary from outside the registry; its module loads without one, which is what the checks need.
 *
 * @example const app = await createConsumerProject('/tmp/x/app', { tarballs, dependencies: { express: '^5.3.0' } });
 */
export async function createConsumerProject(dir: string, options: ConsumerOptions): Promise<ConsumerProject> {
  mkdirSync(dir, { recursive: true });
  cpSync(CONSUMER_FILES, dir, { recursive: true });
  const dependencies: Record<string, string> = { ...options.dependencies };
  for (const [name, tarball] of Object.entries(options.tarballs)) dependencies[name] = `file:${tarball}`;
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'aurpay-kit-consumer', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  // Peers of the test tools (webpack, which react-server-dom-webpack's plugin needs) stay out;
  // every peer of the kit's packages is a direct dependency here, so it is installed and checked.
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=peer', '--loglevel=error'], {
    cwd: dir,
    timeoutMs: 15 * 60_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const typescript: Record<string, string> = {};
  for (const name of Object.keys(options.dependencies)) {
    const label = /^typescript-(.+)$/.exec(name)?.[1];
    if (label !== undefined) typescript[label] = join(dir, 'node_modules', name, 'bin', 'tsc');
  }
  return { dir, typescript };
}
