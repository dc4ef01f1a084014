// Loaded with --import before a Server Component module, under --conditions=react-server: React's
// own loader for Server Components, which turns every module marked 'use client' into client
// references, as a Server Components bundler does. Hooks run last registered first.
import { register } from 'node:module';

register('./source-as-text.mjs', import.meta.url);
register('react-server-dom-webpack/node-loader', import.meta.url);
