export * from './fakeEip1193Provider.js';
