import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const shim = fileURLToPath(new URL('../bin/aurpay-sandbox.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A package folder holding the shim, and `dist/cli.js` when given. */
function packageWith(cli: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'aurpay-sandbox-bin-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  copyFileSync(shim, join(dir, 'bin', 'aurpay-sandbox.js'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  if (cli !== null) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'cli.js'), cli);
  }
  return dir;
}

describe('bin/aurpay-sandbox.js', () => {
  it('runs the built CLI with the arguments it was given', () => {
    const dir = packageWith('process.stdout.write(JSON.stringify(process.argv.slice(2)));\nprocess.exitCode = 3;\n');
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'aurpay-sandbox.js'), '--port', '4010', '--quiet'], { encoding: 'utf8' });
    expect(result.stdout).toBe('["--port","4010","--quiet"]');
    expect(result.status).toBe(3);
  });

  it('says to build first when the CLI is not built', () => {
    const dir = packageWith(null);
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'aurpay-sandbox.js'), '--port', '4010'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'aurpay-sandbox: the sandbox is not built yet (no dist/cli.js). Run `pnpm build` at the repository root, then run this again.\n',
    );
  });
});
