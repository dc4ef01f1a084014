export * from './client/acceptedAnswer.js';
export * from './client/aurpayClient.js';
export * from './client/aurpayError.js';
export * from './client/aurpayResults.js';
export type { CallOptions } from './client/sendGatewayRequest.js';
export * from './callbacks/verifyCallback.js';
export * from './checkout/index.js';
export type { AurpayAuth, AurpayClientOptions } from './client/clientConfig.js';
export * from './client/signRequest.js';
