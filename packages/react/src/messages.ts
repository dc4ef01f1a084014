// No 'use client' here, unlike the package's main entry: a React Server Component that imports a
// catalogue from this entry gets the object itself, to spread and pass to <AurpayProvider messages>.
// English is also in the main entry; every other language only here, so a shop bundles the ones
// it imports.
export { enMessages, type AurpayMessages } from './enMessages.js';
export * from './locales/index.js';
