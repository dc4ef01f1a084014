import { afterAll } from 'vitest';

/**
 * A fixture started on first use and closed after the file's tests. When starting fails (say,
 * redis-server is not installed), every test that asks for it fails with that error: such tests
 * must fail, never be skipped as they would be after a failing `beforeAll`.
 *
 * @example const server = lazyFixture(() => startRedisServer(), (s) => s.close());
 */
export function lazyFixture<T>(start: () => Promise<T>, close: (value: T) => Promise<void>): () => Promise<T> {
  let started: Promise<T> | null = null;
  afterAll(async () => {
    if (started === null) return;
    const value = await started.catch(() => null);
    if (value !== null) await close(value);
  });
  return () => (started ??= start());
}
