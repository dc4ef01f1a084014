import { describe, expect, it } from 'vitest';

import { CliUsageError, parseCliArgs } from './cliArgs.js';

describe('parseCliArgs', () => {
  it('maps every flag to its option', () => {
    const parsed = parseCliArgs([
      '--port',
      '4010',
      '--host',
      '0.0.0.0',
      '--api-key',
      'k',
      '--api-token',
      't',
      '--secret-key',
      's',
      '--callback-token',
      'ct',
      '--callback-secret',
      'cs',
      '--order-ttl',
      '60',
      '--network',
      'regtest',
      '--seed',
      'x',
      '--quiet',
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        port: 4010,
        host: '0.0.0.0',
        apiKey: 'k',
        apiToken: 't',
        secretKey: 's',
        callbackToken: 'ct',
        callbackSecret: 'cs',
        orderTtlSeconds: 60,
        network: 'regtest',
        seed: 'x',
        quiet: true,
      },
    });
  });

  it('maps the Lightning credentials, the profile and the quirks', () => {
    const parsed = parseCliArgs([
      '--lightning-api-key',
      'lk',
      '--lightning-api-token',
      'lt',
      '--lightning-secret-key',
      'ls',
      '--require-lightning-key',
      '--verify-code',
      '123456',
      '--profile',
      'descriptions',
      '--quirk',
      'net-obtained',
      '--quirk',
      'refund-status-answer=off',
      '--quirk=unsigned-callbacks=on',
    ]);
    expect(parsed.options).toEqual({
      lightningApiKey: 'lk',
      lightningApiToken: 'lt',
      lightningSecretKey: 'ls',
      requireLightningKey: true,
      verifyCode: '123456',
      profile: 'descriptions',
      quirks: { netObtained: true, refundStatusAnswer: false, unsignedCallbacks: true },
      quiet: false,
    });
  });

  it('lists the profiles and every quirk in the usage text', async () => {
    const { CLI_USAGE } = await import('./cliArgs.js');
    expect(CLI_USAGE).toContain('examples, descriptions, worst-case');
    for (const quirk of [
      'refund-status-answer',
      'bln-withdraw-without-fee',
      'bln-order-description-shape',
      'lagging-create-time',
      'net-obtained',
      'no-native-contract-addr',
      'unsigned-callbacks',
      'callback-every-change',
    ]) {
      expect(CLI_USAGE).toContain(quirk);
    }
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
    [['--profile', 'strict'], /--profile must be one of examples, descriptions, worst-case, got "strict"/],
    [['--quirk', 'net_obtained'], /--quirk "net_obtained" is not <name> or <name>=off; quirks: refund-status-answer/],
    [['--quirk', 'net-obtained=maybe'], /--quirk "net-obtained=maybe"/],
    [['--lightning-api-key', ''], /--lightning-api-key must not be empty/],
    [['--verify-code', ''], /--verify-code must not be empty/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
