import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { toRedisStoreError } from './toRedisStoreError.js';

function replyError(message: string): Error {
  const error = new Error(message);
  error.name = 'ReplyError';
  return error;
}

describe('toRedisStoreError', () => {
  it('turns connection failures and "not now" replies into StoreUnavailableError', () => {
    const failures = [
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      new Error('Connection is closed.'),
      new Error('Command timed out'),
      Object.assign(new Error('Reached the max retries per request limit (which is 0).'), { name: 'MaxRetriesPerRequestError' }),
      replyError('LOADING Redis is loading the dataset in memory'),
      replyError("READONLY You can't write against a read only replica."),
      replyError("MISCONF Redis is configured to save RDB snapshots, but it's unable to persist to disk"),
      replyError("OOM command not allowed when used memory > 'maxmemory'."),
    ];
    for (const failure of failures) {
      const mapped = toRedisStoreError(failure, 'read an order');
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped).toMatchObject({
        code: 'store_unavailable',
        message: `Redis could not read an order: ${failure.message}`,
        cause: failure,
      });
    }
    const already = new StoreUnavailableError('down');
    expect(toRedisStoreError(already, 'x')).toBe(already);
  });

  it('passes a reply error that means a broken command through, to answer 500', () => {
    const wrongType = replyError('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(toRedisStoreError(wrongType, 'read an order')).toBe(wrongType);
  });
});
