import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FuzzSummary } from './http-fuzz';
import { discoverRoutes } from './routes';

const root = path.resolve(import.meta.dirname, '../..');

describe('route discovery', () => {
  it('finds every page and route handler in app/, with the methods each exports', () => {
    const routes = discoverRoutes(path.join(root, 'app'));
    const byTemplate = new Map(routes.map((r) => [`${r.kind} ${r.template}`, r]));
    expect(byTemplate.get('page /charges/day/[day]')?.methods).toEqual(['GET']);
    expect(byTemplate.get('page /charges')).toBeDefined(); // inside a route group
    expect(byTemplate.get('handler /api/auth/[...nextauth]')?.methods).toEqual(['GET', 'POST']);
    expect(byTemplate.get('handler /api/v1/usage')?.methods).toEqual(['POST']);
    expect(byTemplate.get('handler /api/charges')?.queryNames).toEqual(expect.arrayContaining(['cursor', 'limit']));
    for (const route of routes) expect(route.methods.length, route.file).toBeGreaterThan(0);
  });
});

/*
 * The fuzz runs in a process of its own (a production server with its embedded database in this
 * test's process would fight vitest over the module system): a few thousand generated requests
 * to every page and route handler as every role, none may get a 5xx and no refused one may write.
 * `npm run bench -- fuzz` runs the same with 100,000 cases.
 */
const FIXED_SEED = 20261130;

describe('HTTP fuzz', () => {
  it('no generated request gets a 5xx, and none that is refused writes anything', () => {
    // A fixed seed here, so a run of `npm test` is repeatable (FUZZ_SEED picks another);
    // `npm run bench -- fuzz` draws a new seed each time and prints it.
    const seed = process.env.FUZZ_SEED ?? String(FIXED_SEED);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/fuzz/main.ts'), '--cases', process.env.FUZZ_CASES ?? '2000', '--seed', seed], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('FUZZ_SUMMARY '));
    expect(line, `the fuzz did not finish:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`).toBeDefined();
    const summary = JSON.parse((line ?? '').slice('FUZZ_SUMMARY '.length)) as FuzzSummary;
    const report = run.stdout.slice(run.stdout.indexOf('cases: '), run.stdout.indexOf('FUZZ_SUMMARY '));
    expect(summary.cases, report).toBeGreaterThan(0);
    expect(summary.serverErrors, report).toEqual([]);
    expect(summary.writesOnRefused, report).toEqual([]);
    expect(summary.transportErrors, report).toEqual([]);
  }, 1_200_000);
});
