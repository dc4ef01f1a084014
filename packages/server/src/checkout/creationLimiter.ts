import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitBackend, RateLimitSpec } from './stores/rateLimitBackend.js';
import { StoreUnavailableError } from './stores/storeUnavailableError.js';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * At most `points` events per `durationMs` for each key (a client's address, see `clientKey`),
 * counted wherever the backend counts, with `rate-limiter-flexible`'s fixed windows. A backend that
 * cannot be reached is a `StoreUnavailableError` (503), never a pass.
 *
 * @example if (!(await limiter.take(clientKey(request.clientId))).allowed) answer429();
 */
export class CreationLimiter {
  readonly #backend: RateLimitBackend;
  readonly #spec: RateLimitSpec;
  #limiter: Promise<RateLimiterAbstract> | null = null;

  constructor(backend: RateLimitBackend, spec: RateLimitSpec) {
    this.#backend = backend;
    this.#spec = spec;
  }

  /** The limiter, made on first need; one that could not be made (its table, say) is made again next time. */
  #ready(): Promise<RateLimiterAbstract> {
    this.#limiter ??= Promise.resolve()
      .then(() => this.#backend.limiter(this.#spec))
      .catch((error: unknown) => {
        this.#limiter = null;
        throw error;
      });
    return this.#limiter;
  }

  async take(key: string): Promise<RateDecision> {
    try {
      const limiter = await this.#ready();
      await limiter.consume(key);
      return { allowed: true };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(outcome.msBeforeNext)) };
      throw new StoreUnavailableError(
        `The rate limit could not be counted: ${outcome instanceof Error ? outcome.message : String(outcome)}`,
        { cause: outcome },
      );
    }
  }
}
