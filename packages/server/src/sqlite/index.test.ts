import { describe, expect, it } from 'vitest';
import * as server from '../index.js';
import * as sqlite from './index.js';

describe('@aurpay-kit/server/sqlite exports', () => {
  it('exposes the SQLite store and its parts', () => {
    expect(Object.keys(sqlite).sort()).toEqual(['SqliteCheckoutStore', 'SqliteOrderStore', 'createSqliteStore']);
  });

  it('keeps better-sqlite3 out of the main entry', () => {
    expect(Object.keys(server)).not.toContain('createSqliteStore');
    expect(Object.keys(server)).not.toContain('SqliteOrderStore');
  });
});
