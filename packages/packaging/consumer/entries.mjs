// Loads every entry named on the command line with import(), as an ES module app does, and prints
// each one's export names, and the message catalogues it exports (names ending in "Messages"), as JSON.
import process from 'node:process';

const loaded = {};
const catalogues = {};
for (const specifier of JSON.parse(process.argv[2])) {
  const module = await import(specifier);
  loaded[specifier] = Object.keys(module).sort();
  for (const [name, value] of Object.entries(module)) {
    if (name.endsWith('Messages')) (catalogues[specifier] ??= {})[name] = value;
  }
}
process.stdout.write(JSON.stringify({ loaded, catalogues }));
