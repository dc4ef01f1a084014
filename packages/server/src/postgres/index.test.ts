import { describe, expect, it } from 'vitest';
import * as server from '../index.js';
import * as postgres from './index.js';

describe('@aurpay-kit/server/postgres exports', () => {
  it('exposes the PostgreSQL store and its parts', () => {
    expect(Object.keys(postgres).sort()).toEqual([
      'PostgresCheckoutStore',
      'PostgresEventBus',
      'PostgresOrderStore',
      'PostgresRefreshLock',
      'createPostgresStore',
      'toPostgresStoreError',
    ]);
  });

  it('keeps pg out of the main entry', () => {
    expect(Object.keys(server)).not.toContain('createPostgresStore');
    expect(Object.keys(server)).toEqual(
      expect.arrayContaining(['MemoryEventBus', 'MemoryOrderStore', 'MemoryRefreshLock', 'StoreUnavailableError']),
    );
  });
});
