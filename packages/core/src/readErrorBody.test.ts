import { describe, expect, it } from 'vitest';
import { readErrorBody } from './readErrorBody.js';

describe('readErrorBody()', () => {
  it('reads the router’s code and message', () => {
    expect(readErrorBody({ error: { code: 'status_token_invalid', message: 'No' } }, 401)).toEqual({
      code: 'status_token_invalid',
      message: 'No',
    });
  });

  it.each([null, 'Bad Gateway', { error: 'down' }, { error: { code: 7, message: null } }])(
    'falls back to the HTTP status for %j',
    (body) => {
      expect(readErrorBody(body, 502)).toEqual({ code: 'http_502', message: 'HTTP 502' });
    },
  );
});
