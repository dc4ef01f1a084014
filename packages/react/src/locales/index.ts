// Every language the kit ships besides English (which is the default, in the main entry).
export { arMessages } from './arMessages.js';
export { deMessages } from './deMessages.js';
export { esMessages } from './esMessages.js';
export { frMessages } from './frMessages.js';
export { heMessages } from './heMessages.js';
export { idMessages } from './idMessages.js';
export { itMessages } from './itMessages.js';
export { jaMessages } from './jaMessages.js';
export { koMessages } from './koMessages.js';
export { nlMessages } from './nlMessages.js';
export { plMessages } from './plMessages.js';
export { ptMessages } from './ptMessages.js';
export { ruMessages } from './ruMessages.js';
export { trMessages } from './trMessages.js';
export { ukMessages } from './ukMessages.js';
export { viMessages } from './viMessages.js';
export { zhMessages } from './zhMessages.js';
