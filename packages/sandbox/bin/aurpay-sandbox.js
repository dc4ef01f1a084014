#!/usr/bin/env node
// The `aurpay-sandbox` command. This file is committed, unlike dist/, so installing the workspace
// links the command before anything is built; it runs the built CLI, or says how to build it.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write(
    'aurpay-sandbox: the sandbox is not built yet (no dist/cli.js). Run `pnpm build` at the repository root, then run this again.\n',
  );
  process.exit(1);
}
