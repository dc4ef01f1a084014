/**
 * The base of every error the kit throws on purpose: a stable machine-readable `code` beside a
 * message written for the developer who reads it.
 *
 * @example
 * try { parseAmount('-1') } catch (e) { if (e instanceof AurpayKitError) console.log(e.code) }
 */
export class AurpayKitError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
