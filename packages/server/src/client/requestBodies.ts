import * as check from './requestChecks.js';

/**
 * The checks on each request body `AurpayClient` sends, before anything goes out; each returns
 * the body to send, or throws `request_invalid` naming the field.
 */

const ORDER_FLAGS = ['fixed_encrypt_price', 'enable_post_callback'] as const;

export function payUrlBody(req: unknown): Record<string, unknown> {
  const body = check.requestObject('getPayUrl', req);
  check.positiveNumber('getPayUrl', body, 'price');
  check.requiredText('getPayUrl', body, 'currency');
  check.optionalUrls('getPayUrl', body);
  check.optionalFlags('getPayUrl', body, ORDER_FLAGS);
  return body;
}

export function payInfoBody(req: unknown): Record<string, unknown> {
  const body = check.requestObject('createPayInfo', req);
  for (const key of ['chain', 'currency', 'vs_currency']) check.requiredText('createPayInfo', body, key);
  check.positiveNumber('createPayInfo', body, 'vs_price');
  check.optionalUrls('createPayInfo', body);
  check.optionalFlags('createPayInfo', body, ORDER_FLAGS);
  return body;
}

/** A Lightning withdrawal (chain BLN) needs the invoices and the verification code, Aurpay says. */
export function withdrawBody(req: unknown): Record<string, unknown> {
  const body = check.requestObject('withdraw', req);
  check.requiredText('withdraw', body, 'chain');
  check.requiredText('withdraw', body, 'currency');
  check.positiveNumber('withdraw', body, 'amount');
  const lightning = body['chain'] === 'BLN' || body['currency'] === 'BTC-LN';
  for (const key of ['ln_invoices', 'verify_code']) {
    if (lightning) check.requiredText('withdraw', body, key, 'for a Lightning withdrawal (chain BLN)');
    else check.optionalText('withdraw', body, key);
  }
  return body;
}

export function blnOrderBody(req: unknown): Record<string, unknown> {
  const body = check.requestObject('createBlnOrder', req);
  check.positiveNumber('createBlnOrder', body, 'price');
  check.requiredText('createBlnOrder', body, 'currency');
  check.optionalUrls('createBlnOrder', body);
  return body;
}

export function blnWithdrawBody(req: unknown): Record<string, unknown> {
  const body = check.requestObject('createBlnWithdraw', req);
  check.requiredText('createBlnWithdraw', body, 'ln_invoices');
  check.positiveNumber('createBlnWithdraw', body, 'amount', true);
  return body;
}

export function loginForm(credentials: unknown): { username: string; password: string } {
  const body = check.requestObject('login', credentials, 'the credentials');
  check.requiredText('login', body, 'username');
  check.requiredText('login', body, 'password');
  return { username: body['username'] as string, password: body['password'] as string };
}
