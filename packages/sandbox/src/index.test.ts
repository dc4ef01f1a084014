import { describe, expect, it } from 'vitest';

import * as sandbox from './index.js';

describe('@aurpay-kit/sandbox exports', () => {
  it('exports exactly its public API', () => {
    expect(Object.keys(sandbox).sort()).toEqual(['SANDBOX_DEFAULTS', 'SANDBOX_ERROR_CODES', 'resolveSandboxOptions', 'startSandbox']);
  });

  it('gives every error a distinct code', () => {
    const codes = Object.values(sandbox.SANDBOX_ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect(sandbox.SANDBOX_ERROR_CODES).toMatchObject({ apiKeyMissing: 401, loginInvalid: 404, kybRequired: 40004, insufficientBalance: 40005 });
  });
});
