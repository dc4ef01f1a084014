import { useEffect, useState } from 'react';

// Modules loaded so far, by their loader: the same code for every component on the page.
const loaded = new Map<() => Promise<unknown>, unknown>();

/**
 * A module the first paint does without (`import()` in `load`, a loader defined once at module
 * level): null until it has loaded, after the first render, and at once once any component has
 * loaded it. A loader that fails (offline) leaves it null. `null` loads nothing.
 *
 * @example const outcome = useModule(loadOutcome); // null, then the module
 */
export function useModule<T>(load: (() => Promise<T>) | null): T | null {
  const [, rendered] = useState(0);
  useEffect(() => {
    if (!load || loaded.has(load)) return;
    let live = true;
    load().then(
      (module) => {
        loaded.set(load, module);
        if (live) rendered((n) => n + 1);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [load]);
  return load ? ((loaded.get(load) as T | undefined) ?? null) : null;
}
