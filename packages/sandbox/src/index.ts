export type { SandboxNetwork } from './chains/addresses.js';
export * from './http/sandboxErrorCodes.js';
export * from './sandboxOptions.js';
export { SANDBOX_PROFILES, type SandboxProfile, type SandboxProfileName, type SandboxQuirks } from './sandboxProfile.js';
export * from './startSandbox.js';
