export type { SandboxNetwork } from './addresses.js';
export * from './sandboxErrorCodes.js';
export * from './sandboxOptions.js';
export { SANDBOX_PROFILES, type SandboxProfile, type SandboxProfileName, type SandboxQuirks } from './sandboxProfile.js';
export * from './startSandbox.js';
