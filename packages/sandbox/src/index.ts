export type { SandboxNetwork } from './addresses.js';
export * from './sandboxErrorCodes.js';
export * from './sandboxOptions.js';
export * from './startSandbox.js';
