/**
 * What the benchmarks share (bench/*.ts): the local PostgreSQL they create their databases on,
 * starting and stopping the portal and other servers as child processes, percentiles.
 * Not a benchmark itself: `npm run bench` runs only the files directly in bench/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

/** The repository's root (where `server/start.ts` is). */
export const ROOT = path.resolve(import.meta.dirname, '../..');

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];

/**
 * The PostgreSQL server a benchmark creates its database on: BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else `fallback`. Exits (status 2) when none is set, or when it is not on this
 * machine: benchmarks create and drop databases.
 */
export function benchDatabaseBase(fallback?: string): string {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? fallback;
  if (!base) {
    console.error('Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a local PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/test');
    process.exit(2);
  }
  const host = new URL(base).hostname;
  if (!LOCAL_HOSTS.includes(host)) {
    console.error(`Refusing to create a benchmark database on ${host}: use a local server`);
    process.exit(2);
  }
  return base;
}

/** The p-th percentile (nearest rank) of ascending values; NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Starts a child in its own process group and waits for `ready` on its output; rejects with the output's end if it exits first. */
export async function startChild(label: string, command: string, args: string[], cwd: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}):\n${output.slice(-3000)}`)));
  });
  return child;
}

/** Stops a child started by startChild: its whole process group (npx → tsx → node, or a cluster's workers), and waits for it. */
export async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

/**
 * The portal as `npm start` runs it (builds when sources changed), on `env` (PORT, DATA_DIR,
 * NEXT_DIST_DIR, APP_URL, DATABASE_URL…), the billing scheduler off.
 */
export function startPortal(env: Record<string, string>, opts: { command?: string; args?: string[] } = {}): Promise<ChildProcess> {
  return startChild(
    'portal',
    opts.command ?? 'npx',
    opts.args ?? ['tsx', 'server/start.ts'],
    ROOT,
    { BILLING_INTERVAL_SECONDS: '0', NEXT_TELEMETRY_DISABLED: '1', ...env },
    '[portal] ready on',
  );
}

/** One autocannon run against a page of the portal, signed in with `cookie`: latencies of every answer, and how many were not 200. */
export async function loadPage(
  target: string,
  cookie: string,
  opts: { connections: number; seconds: number },
): Promise<{ p50: number; p95: number; p99: number; rps: number; count: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: target, connections: opts.connections, duration: opts.seconds, headers: { cookie } }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) errors += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: result.requests.total / opts.seconds,
    count: latencies.length,
    errors: errors + result.errors + result.timeouts,
  };
}
