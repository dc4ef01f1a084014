// No 'use client' here, unlike the package's main entry: a React Server Component that imports a
// catalogue from this entry gets the object itself, to spread and pass to <AurpayProvider messages>.
export { deMessages } from './locales/deMessages.js';
export { enMessages, type AurpayMessages } from './enMessages.js';
export { esMessages } from './locales/esMessages.js';
