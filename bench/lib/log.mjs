import process from 'node:process';

/** Progress lines on stderr, so stdout stays free for a machine-readable summary. */
export function log(line) {
  process.stderr.write(`${line}\n`);
}

/** A line on stdout. */
export function print(line = '') {
  process.stdout.write(`${line}\n`);
}
