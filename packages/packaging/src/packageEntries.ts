export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  typesVersions?: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface PackageEntry {
  /** What an app imports: `@aurpay-kit/server/express`. */
  specifier: string;
  /** `js` for modules, `css` for style sheets (which only a bundler loads). */
  kind: 'js' | 'css';
  /** The files `exports` points at, by condition: `{ types: './dist/index.d.ts', default: './dist/index.js' }`. */
  targets: Record<string, string>;
}

/**
 * Every entry a package's `exports` offers, but `./package.json`.
 *
 * @example packageEntries(serverManifest).map((e) => e.specifier) // ['@aurpay-kit/server', '@aurpay-kit/server/express', …]
 */
export function packageEntries(manifest: PackageManifest): PackageEntry[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => {
      const targets = typeof target === 'string' ? { default: target } : target;
      const runtime = targets.default ?? targets.import ?? '';
      return {
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        kind: runtime.endsWith('.css') ? 'css' : 'js',
        targets,
      };
    });
}
