export * from './createPostgresStore.js';
export * from './postgresCheckoutStore.js';
export * from './postgresEventBus.js';
export * from './postgresOrderStore.js';
export * from './postgresRefreshLock.js';
export * from './toPostgresStoreError.js';
export type { PostgresStoreOptions } from './postgresStoreOptions.js';
