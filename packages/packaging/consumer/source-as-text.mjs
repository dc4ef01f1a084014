// React's Server Components loader reads module source as a string, while Node hands loaders a
// buffer, and it loads a module's source map by the URL as written, relative. Registered before
// it, this hook runs after it in the chain: it gives it text, with source map URLs made absolute.
import { Buffer } from 'node:buffer';
import { URL } from 'node:url';

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (result.format !== 'module' || result.source == null) return result;
  const text = typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  const source = text.replace(/(\/\/# sourceMappingURL=)(\S+)\s*$/, (_, comment, map) => `${comment}${new URL(map, url).href}\n`);
  return { ...result, source };
}
