/**
 * `npm run bench -- <name>` runs bench/<name>.ts: a script that measures and prints figures.
 * Benchmarks assert nothing; they are run by hand to see where time goes.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const name = process.argv[2];
const folder = import.meta.dirname;
const available = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3));

if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(path.join(folder, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}

await import(pathToFileURL(path.join(folder, `${name}.ts`)).href);
