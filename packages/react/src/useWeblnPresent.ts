import { useSyncExternalStore } from 'react';

const ignore = () => () => {};
// Known only in the browser: the server and the hydrating render both see no wallet.
const present = () => Boolean((window as { webln?: unknown }).webln);
const absent = () => false;

/** Whether the page has a WebLN browser wallet (`window.webln`): false on the server and while hydrating. */
export function useWeblnPresent(): boolean {
  return useSyncExternalStore(ignore, present, absent);
}
