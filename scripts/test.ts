import { spawnSync } from 'node:child_process';

/**
 * `npm test`: every check, in order of cost — types, lint, unit + integration tests (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set), then the browser tests against a real server.
 * Ends with one summary line, `N passed, N failed`, counting the steps.
 */
const steps: Array<{ name: string; command: string[] }> = [
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', command: ['npx', 'eslint', '.', '--max-warnings=0'] },
  { name: 'unit and integration tests', command: ['npx', 'vitest', 'run'] },
  { name: 'browser tests', command: ['npx', 'playwright', 'test'] },
];

const only = process.argv.slice(2);
const results: Array<{ name: string; ok: boolean; seconds: number }> = [];
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.startsWith(o))) continue;
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.command[0], step.command.slice(1), { stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  results.push({ name: step.name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok) console.error(`=== ${step.name} FAILED (exit ${run.status})`);
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`checks: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
