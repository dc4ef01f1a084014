import { describe, expect, it } from 'vitest';
import { checkPreimage } from './checkPreimage.js';
import { WalletError } from './WalletError.js';

// A signed invoice the sandbox issued, with the preimage its control API showed.
const INVOICE =
  'lnbc200010n1p4sljn6pp5ckqsayqq828yrr4psacuufsptj2nlwny4z8m2jnhwvj8nr24e25qdp5v5mr2e3cvcuxyepevyenxd3hvsungvm9xgmkgvmrvf3n2drxx33qcqzzsxqyz5vqsp56ms6m63uf7crjgnt07rq4qdsp5ruru2jutstm959xl2l569p2m5q9qyyssqm2j7tj08ffnea07mrlg2ea55r99gzjh73nqyw9uxu7uk8s4tr08qkv7l0lk8a5uag8zkqth3glec6gvy6fc74xgpvp2majkv98ryg2cph2fuvc';
const PREIMAGE = '540a3219f29555850e73b2d4eebe1e130bd83035979d3dac9bef2cf0d22ed56e';
const PAYMENT_HASH = 'c5810e90003a8e418ea18771ce26015c953fba64a88fb54a777324798d55caa8';

describe('checkPreimage', () => {
  it("returns the payment hash when the preimage's SHA-256 is the invoice's payment hash", async () => {
    await expect(checkPreimage(INVOICE, PREIMAGE)).resolves.toBe(PAYMENT_HASH);
    await expect(checkPreimage(INVOICE, PREIMAGE.toUpperCase())).resolves.toBe(PAYMENT_HASH);
  });

  it('refuses another preimage, a missing one and one that is not 32 bytes of hex', async () => {
    for (const preimage of ['00'.repeat(32), undefined, '', 'zz'.repeat(32), PREIMAGE.slice(2)]) {
      const error = await checkPreimage(INVOICE, preimage).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WalletError);
      expect((error as WalletError).code).toBe('preimage_mismatch');
    }
  });
});
