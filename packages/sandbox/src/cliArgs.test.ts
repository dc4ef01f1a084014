import { describe, expect, it } from 'vitest';

import { CliUsageError, parseCliArgs } from './cliArgs.js';

describe('parseCliArgs', () => {
  it('maps every flag to its option', () => {
    const parsed = parseCliArgs([
      '--port', '4010', '--host', '0.0.0.0', '--api-key', 'k', '--api-token', 't', '--secret-key', 's',
      '--callback-token', 'ct', '--callback-secret', 'cs', '--order-ttl', '60', '--network', 'regtest', '--seed', 'x', '--quiet',
    ]);
    expect(parsed).toEqual({
      help: false,
      options: { port: 4010, host: '0.0.0.0', apiKey: 'k', apiToken: 't', secretKey: 's', callbackToken: 'ct', callbackSecret: 'cs', orderTtlSeconds: 60, network: 'regtest', seed: 'x', quiet: true },
    });
  });

  it('leaves unset flags out and reads --help and --flag=value', () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { quiet: false } });
    expect(parseCliArgs(['--help']).help).toBe(true);
    expect(parseCliArgs(['--port=0']).options).toEqual({ port: 0, quiet: false });
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port'], /argument missing|--port/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '70000'], /--port must be an integer/],
    [['--order-ttl', '0'], /--order-ttl must be an integer from 1/],
    [['--order-ttl', '1.5'], /--order-ttl/],
    [['--network', 'signet'], /--network/],
    [['--api-key', ''], /--api-key must not be empty/],
    [['extra'], /positional|Unexpected argument/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
