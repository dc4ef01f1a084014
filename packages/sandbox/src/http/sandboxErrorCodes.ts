/**
 * Every envelope `code` the sandbox answers with, each for exactly one kind of failure. Aurpay's
 * own documented codes (401, 404, 40004, 40005) keep Aurpay's meaning; the rest are the sandbox's
 * and are listed in the package README.
 *
 * @example
 * if (body.code === SANDBOX_ERROR_CODES.signatureMismatch) console.log(body.data.signature_origin)
 */
export const SANDBOX_ERROR_CODES = {
  /** Success. */
  ok: 0,
  /** Aurpay's: neither `API-Key` nor the signature headers were sent. */
  apiKeyMissing: 401,
  /** Aurpay's: `/api/user/login` with a wrong username or password. */
  loginInvalid: 404,
  /** Aurpay's: withdrawing before KYB verification (`kybVerified: false`). */
  kybRequired: 40004,
  /** Aurpay's: a withdrawal larger than the balance. */
  insufficientBalance: 40005,
  /** The body is not valid JSON, or not a JSON object. */
  malformedJson: 40001,
  /** A required field is absent. */
  fieldMissing: 40002,
  /** A field is present but has the wrong type or value. */
  fieldInvalid: 40003,
  /** The chain, crypto currency or fiat currency is not supported. */
  currencyUnsupported: 40006,
  /** The order exists but its status does not allow the request (refund unpaid, resolve paid…). */
  orderStateInvalid: 40007,
  /** A Lightning withdrawal through `POST /api/withdraw` with a `verify_code` that is not the sandbox's. */
  verifyCodeInvalid: 40008,
  /** `API-Key` was sent but is not the sandbox's key. */
  apiKeyInvalid: 40101,
  /** Some signature headers were sent but not all of `API-Token`, `Algorithm`, `Date`, `Signature`. */
  signatureHeaderMissing: 40102,
  /** `API-Token` is not the sandbox's token. */
  apiTokenUnknown: 40103,
  /** `Algorithm` is neither `HMAC-SHA256` nor `HMAC-SHA3_256`. */
  algorithmUnsupported: 40104,
  /** `Date` is not an ISO-8601 timestamp with a zone. */
  dateInvalid: 40105,
  /** `Date` is more than 300 s away from the sandbox's clock (stale or in the future). */
  dateOutOfWindow: 40106,
  /** `Body-MD5` does not match the MD5 of the body received (or is empty for a non-empty body). */
  bodyMd5Mismatch: 40107,
  /** The signature does not match; `data.signature_origin` is what the sandbox signed. */
  signatureMismatch: 40108,
  /** `/api/plugin/key` without a valid `Authorization: Bearer` access token. */
  accessTokenInvalid: 40109,
  /** The merchant's credentials on `/api/bln/*` while `requireLightningKey` is on; in Aurpay's 401 envelope. */
  lightningKeyRequired: 40110,
  /** A `/_sandbox/` control request from a non-loopback address. */
  controlForbidden: 40300,
  /** No endpoint at this method and path (HTTP 404). */
  pathNotFound: 40400,
  /** No order with this id. */
  orderNotFound: 40401,
  /** No hosted checkout (`pay-url`) with this token. */
  checkoutNotFound: 40402,
  /** The request body is larger than 1 MB. */
  bodyTooLarge: 41300,
  /** An unexpected error inside the sandbox (HTTP 500). */
  internalError: 50000,
  /** An `http500` fault injected through `/_sandbox/faults` (HTTP 500). */
  faultInjected: 50001,
} as const;

export type SandboxErrorName = keyof typeof SANDBOX_ERROR_CODES;
