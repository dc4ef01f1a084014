import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../src/consumerProject.js';
import { installedManifests } from '../src/installedManifests.js';
import { packageEntries } from '../src/packageEntries.js';
import { readmeSnippets, snippetFileName } from '../src/readmeSnippets.js';
import { runCommand } from '../src/runCommand.js';

const { tarballs, app, express4 } = inject('packaging');
const types = join(app.dir, 'types');

/** An ES module and a CommonJS module that import every entry of every package, style sheet included. */
function writeEntryFiles(): void {
  const entries = installedManifests(app.dir, Object.keys(tarballs)).flatMap(packageEntries);
  const modules = entries.filter((entry) => entry.kind === 'js');
  const imports = modules.map((entry, i) => `import * as entry${i} from '${entry.specifier}';`);
  const sheets = entries.filter((entry) => entry.kind === 'css').map((entry) => `import '${entry.specifier}';`);
  const list = `export const entries = [${modules.map((_, i) => `entry${i}`).join(', ')}];\n`;
  writeFileSync(
    join(types, 'entries.ts'),
    `// Every entry of the kit, as an app imports it.\n${[...imports, ...sheets].join('\n')}\n\n${list}`,
  );
  writeFileSync(
    join(types, 'entries.cts'),
    `// Every module entry of the kit, from CommonJS (require of ES modules).\n${imports.join('\n')}\n\n${list}`,
  );
}

/** Each TypeScript block of the READMEs (the repository's and the packages' as shipped) as a module of its own. */
function writeSnippets(): string[] {
  const dir = join(types, 'snippets');
  mkdirSync(dir, { recursive: true });
  const readmes = [
    { path: 'README.md', text: readFileSync(join(REPO_ROOT, 'README.md'), 'utf8') },
    ...Object.keys(tarballs).map((name) => ({
      path: `${name}/README.md`,
      text: readFileSync(join(app.dir, 'node_modules', name, 'README.md'), 'utf8'),
    })),
  ];
  for (const readme of readmes) {
    for (const snippet of readmeSnippets(readme.text, readme.path)) {
      writeFileSync(join(dir, snippetFileName(snippet)), `${snippet.code}\nexport {};\n`);
    }
  }
  return readdirSync(dir);
}

beforeAll(() => {
  writeEntryFiles();
  expect(writeSnippets().length).toBeGreaterThan(5);
});

/** TypeScript 7 no longer has moduleResolution node10. */
const RESOLUTIONS = (version: string) => (Number.parseInt(version, 10) >= 7 ? ['bundler', 'nodenext'] : ['bundler', 'nodenext', 'node10']);

describe.each(Object.keys(app.typescript))('TypeScript %s, strict with noUncheckedIndexedAccess and skipLibCheck off', (version) => {
  it.each(RESOLUTIONS(version))(
    'type-checks every entry (styles.css too) and every README snippet under moduleResolution %s',
    async (resolution) => {
      const tsc = app.typescript[version] ?? '';
      const { stdout } = await runCommand('node', [tsc, '--version'], { cwd: app.dir, timeoutMs: 60_000 });
      expect(stdout).toContain(`Version ${version}`);
      await runCommand('node', [tsc, '-p', `types/tsconfig.${resolution}.json`], { cwd: app.dir, timeoutMs: 10 * 60_000 });
    },
  );
});

it('type-checks the checkout router on an Express 4 app against @types/express 4', async () => {
  await runCommand('node', [express4.typescript['5.9'] ?? '', '-p', 'types/tsconfig.express4.json'], {
    cwd: express4.dir,
    timeoutMs: 10 * 60_000,
  });
});
