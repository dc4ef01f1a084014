import { createHmac, randomBytes } from 'node:crypto';

/** Seconds an access token from `/api/user/login` lasts, as Aurpay's example says. */
export const ACCESS_TOKEN_SECONDS = 86_400;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Access tokens for `GET /api/plugin/key`: JWT-shaped (HS256 over the user id) like Aurpay's,
 * valid only if this sandbox issued them and they have not expired.
 *
 * @example const token = tokens.issue('mct-…', Date.now()); tokens.isValid(token, Date.now()) // true
 */
export class AccessTokens {
  readonly #issued = new Map<string, number>();
  readonly #secret = randomBytes(32);

  issue(userId: string, now: number): string {
    const iat = Math.floor(now / 1000);
    const exp = iat + ACCESS_TOKEN_SECONDS;
    const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: userId, exp, iat })}`;
    const token = `${unsigned}.${createHmac('sha256', this.#secret).update(unsigned).digest('base64url')}`;
    this.#issued.set(token, exp * 1000);
    return token;
  }

  isValid(token: string, now: number): boolean {
    const expires = this.#issued.get(token);
    return expires !== undefined && now < expires;
  }
}
