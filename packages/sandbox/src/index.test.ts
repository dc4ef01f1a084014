import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import * as sandbox from './index.js';

describe('@aurpay-kit/sandbox exports', () => {
  it('exports exactly its public API', () => {
    expect(Object.keys(sandbox).sort()).toEqual([
      'SANDBOX_DEFAULTS',
      'SANDBOX_ERROR_CODES',
      'SANDBOX_PROFILES',
      'resolveSandboxOptions',
      'startSandbox',
    ]);
  });

  it('gives every error a distinct code', () => {
    const codes = Object.values(sandbox.SANDBOX_ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect(sandbox.SANDBOX_ERROR_CODES).toMatchObject({
      apiKeyMissing: 401,
      loginInvalid: 404,
      kybRequired: 40004,
      insufficientBalance: 40005,
    });
  });

  it('lists every error code in the README table, and every profile and quirk', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name, code] of Object.entries(sandbox.SANDBOX_ERROR_CODES)) expect(readme).toContain(`| ${code} | \`${name}\` |`);
    for (const [profile, quirks] of Object.entries(sandbox.SANDBOX_PROFILES)) {
      expect(readme).toContain(`\`${profile}\``);
      for (const quirk of Object.keys(quirks)) expect(readme).toContain(`| \`${quirk}\``);
    }
  });
});
