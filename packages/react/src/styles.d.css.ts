// `import '@aurpay-kit/react/styles.css'` loads the kit's styles for their side effect and binds
// nothing. This declaration lets TypeScript resolve that import (TypeScript 6 and later check
// side-effect imports by default: noUncheckedSideEffectImports).
export {};
