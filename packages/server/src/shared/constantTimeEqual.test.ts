import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constantTimeEqual.js';

describe('constantTimeEqual', () => {
  it('is true only for the same bytes, given as strings or bytes', () => {
    expect(constantTimeEqual('tok-123', 'tok-123')).toBe(true);
    expect(constantTimeEqual('tok-123', 'tok-124')).toBe(false);
    expect(constantTimeEqual(Buffer.from('é'), 'é')).toBe(true);
    expect(constantTimeEqual('e\u0301', 'é')).toBe(false);
  });

  it('is false for another length, an empty value included', () => {
    expect(constantTimeEqual('tok', 'tok-123')).toBe(false);
    expect(constantTimeEqual('', 'tok')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
