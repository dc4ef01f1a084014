export * from './freePort.js';
export * from './postgresServer.js';
export * from './redisServer.js';
