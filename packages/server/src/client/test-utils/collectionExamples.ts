import { parseGatewayJson } from '../parseGatewayJson.js';
import type { PostmanItem } from './postmanScript.js';
import { findItem, loadCollection } from './postmanScript.js';

/**
 * Answers as Aurpay's Postman collection shows them: the example responses saved with each
 * request, and the JSON blocks inside each request's description. Read with `parseGatewayJson`,
 * as the client reads answers.
 */

const collection = loadCollection();

function item(folder: string, name: string): PostmanItem & { response?: { body: string }[]; request?: { description?: unknown } } {
  return findItem(findItem(collection.item, folder).item ?? [], name);
}

/** The `data` of the `index`-th example response saved with a request. */
export function exampleData(folder: string, name: string, index = 0): unknown {
  const response = item(folder, name).response?.[index];
  if (response === undefined) throw new Error(`${name} has no example response ${index}`);
  return (parseGatewayJson(response.body) as { data: unknown }).data;
}

function htmlText(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The `index`-th JSON block (`<code class="language-json">`) in a request's description. */
export function descriptionJson(folder: string, name: string, index = 0): unknown {
  const description = item(folder, name).request?.description;
  const html = typeof description === 'string' ? description : ((description as { content?: string } | undefined)?.content ?? '');
  const blocks = [...html.matchAll(/<code class="language-json">([\s\S]*?)<\/code>/g)].map((m) => htmlText(m[1] ?? ''));
  const block = blocks[index];
  if (block === undefined) throw new Error(`${name}'s description has no JSON block ${index}`);
  return parseGatewayJson(block);
}
