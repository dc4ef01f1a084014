export * from './acceptedAnswer.js';
export * from './aurpayClient.js';
export * from './aurpayError.js';
export * from './aurpayResults.js';
export type { CallOptions } from './aurpayTransport.js';
export * from './callbackVerifier.js';
export * from './checkout/index.js';
export type { AurpayAuth, AurpayClientOptions } from './clientConfig.js';
export * from './signRequest.js';
