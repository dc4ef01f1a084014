import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { appDependencies, express4Dependencies } from './consumerApps.js';
import { REPO_ROOT, createConsumerProject, type ConsumerProject } from './consumerProject.js';
import { runCommand } from './runCommand.js';

export interface PackagingContext {
  /** Each published package's tarball, by package name, packed by `node scripts/pack.mjs` as the README says. */
  tarballs: Record<string, string>;
  /** The Express 5 + React shop with every package. */
  app: ConsumerProject;
  /** The Express 4 server. */
  express4: ConsumerProject;
}

declare module 'vitest' {
  export interface ProvidedContext {
    packaging: PackagingContext;
  }
}

/**
 * Packs the published packages into a folder outside the workspace and installs them, with npm,
 * into fresh projects beside it; removes it all at the end (set AURPAY_KEEP_PACKAGING=1 to keep it).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), 'aurpay-kit-packaging-'));
  const folder = join(work, 'tarballs');
  const { stdout } = await runCommand('node', ['scripts/pack.mjs', folder], { cwd: REPO_ROOT, timeoutMs: 5 * 60_000 });
  const packed = stdout.trim().split('\n');
  const tarballs: Record<string, string> = {};
  for (const file of readdirSync(folder)) {
    const name = /^aurpay-kit-(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(file)?.[1];
    if (name !== undefined) tarballs[`@aurpay-kit/${name}`] = join(folder, file);
  }
  if (Object.keys(tarballs).length !== packed.length)
    throw new Error(`pack wrote ${readdirSync(folder).join(', ')} for ${packed.join(', ')}`);
  const serverSide = Object.fromEntries(
    ['@aurpay-kit/core', '@aurpay-kit/server', '@aurpay-kit/sandbox'].map((name) => [name, tarballs[name] ?? '']),
  );
  const [app, express4] = await Promise.all([
    createConsumerProject(join(work, 'app'), { tarballs, dependencies: appDependencies() }),
    createConsumerProject(join(work, 'express4'), { tarballs: serverSide, dependencies: express4Dependencies() }),
  ]);
  project.provide('packaging', { tarballs, app, express4 });
  return () => {
    if (process.env.AURPAY_KEEP_PACKAGING !== '1') rmSync(work, { recursive: true, force: true });
  };
}
