// Prints the JavaScript the shop's front page loads, as built by `next build`: every chunk its
// HTML names (script tags and the React Server Components payload), raw and gzipped. Next.js 16
// no longer prints these figures itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const html = readFileSync(join(root, '.next', 'server', 'app', 'index.html'), 'utf8');
const chunks = [...new Set(html.match(/\/_next\/static\/chunks\/[\w.-]+\.js/g) ?? [])];
let raw = 0;
let gzipped = 0;
for (const chunk of chunks) {
  const bytes = readFileSync(join(root, '.next', chunk.replace('/_next/', '')));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`First-load JS of /: ${chunks.length} chunks, ${kB(raw)} raw, ${kB(gzipped)} gzipped`);
