// Loads every entry named on the command line with require(), as a CommonJS app does, and prints
// each one's export names as JSON.
'use strict';

const loaded = {};
for (const specifier of JSON.parse(process.argv[2])) {
  loaded[specifier] = Object.keys(require(specifier)).sort();
}
process.stdout.write(JSON.stringify(loaded));
