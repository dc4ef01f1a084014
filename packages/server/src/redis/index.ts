export * from './createRedisStore.js';
export * from './redisCheckoutStore.js';
export * from './redisEventBus.js';
export * from './redisOrderStore.js';
export * from './redisRefreshLock.js';
export type { RedisStoreOptions } from './redisStoreOptions.js';
