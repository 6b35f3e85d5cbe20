/**
 * `npm run bench` runs every benchmark in turn; `npm run bench -- <name>` runs bench/<name>.ts.
 * Benchmarks measure and print figures; they assert nothing. The database ones use PostgreSQL
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server on 127.0.0.1:5432).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const name = process.argv[2];
const folder = import.meta.dirname;
const available = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3))
  .sort();

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

if (!name) {
  // Each benchmark in its own process, so one that fails does not hide the others' figures.
  let failed = 0;
  for (const bench of available) {
    console.log(`\n### bench: ${bench}`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(folder, `${bench}.ts`)], { stdio: 'inherit', env: process.env });
    if (run.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
} else if (!/^[a-z0-9-]+$/.test(name) || !existsSync(path.join(folder, `${name}.ts`))) {
  console.error(`usage: npm run bench [-- <name>]\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(2);
} else {
  await import(pathToFileURL(path.join(folder, `${name}.ts`)).href);
}
