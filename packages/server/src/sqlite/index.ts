export * from './createSqliteStore.js';
export * from './sqliteCheckoutStore.js';
export * from './sqliteOrderStore.js';
export type { SqliteStoreOptions } from './sqliteStoreOptions.js';
