import root from '../../eslint.config.js';

export default [...root, { ignores: ['.next/**', 'next-env.d.ts'] }];
