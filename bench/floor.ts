/**
 * The portal beside the floor of its own framework, side by side in one run (issue 13): on a fresh
 * PostgreSQL database it starts the portal (`npm start`'s server, demo data, WEB_CONCURRENCY workers)
 * and the two floors kept in bench/floor/: a bare `node:http` + `pg` server answering the machine
 * API's account query with the same JSON and doing the same usage insert, and a minimal Next.js 16
 * app (built here) whose one page reads 50 rows of ledger_transfers. Drives each with autocannon and
 * prints req/s, p50, p95 and the portal ÷ floor ratio. Then the portal again with WEB_CONCURRENCY=1.
 * Figures only, no assertions.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench -- floor
 *   Options: SECONDS (10 per run) BASE_PORT (3895: portal, +1 API floor, +2 page floor)
 *            WEB_CONCURRENCY (the number of cores) NEXT_DIST_DIR (.next)
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { benchDatabaseBase, percentile, ROOT, startChild, startPortal, stopChild } from './lib/common';

const SECONDS = Number(process.env.SECONDS ?? 10);
const BASE_PORT = Number(process.env.BASE_PORT ?? 3895);
const CORES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
const DIST = process.env.NEXT_DIST_DIR ?? '.next';
const KEY = 'bench-platform-key';
const FLOOR_DIR = path.join(import.meta.dirname, 'floor');
const NEXT_FLOOR_DIR = path.join(FLOOR_DIR, 'next-app');
const BATCH = 1_000;

const base = benchDatabaseBase();

/** One autocannon run. */
export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  count: number;
  /** Responses with another status than expected, plus socket errors and timeouts. */
  errors: number;
}

/**
 * One line of the printed table: the portal's figure beside the floor's. `unit` names what the
 * rate counts (requests, or usage events for the batch POST). Other benches' figures (first-load JS
 * and Lighthouse from bench/page-weight.ts) fit as rows with `note` set and no load results.
 */
export interface FloorRow {
  what: string;
  connections: number | null;
  portal: LoadResult | null;
  floor: LoadResult | null;
  unit: 'req/s' | 'events/s';
  note?: string;
}

async function load(opts: {
  url: string;
  connections: number;
  seconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
  expect: number;
}): Promise<LoadResult> {
  const seconds = opts.seconds ?? SECONDS;
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: seconds,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        requests: opts.body ? [{ setupRequest: (request) => ({ ...request, body: opts.body?.() }) }] : undefined,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === opts.expect) latencies.push(responseTime);
      else errors += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    count: latencies.length,
    errors: errors + result.errors + result.timeouts,
  };
}

const fmtRate = (r: LoadResult | null, unit: FloorRow['unit']) =>
  r ? (unit === 'events/s' ? `${Math.round(r.rps * BATCH).toLocaleString('en')} ev/s` : `${r.rps.toFixed(0)}/s`) : '—';
const fmtMs = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : `${value.toFixed(0)} ms`);

/** Prints the table. The lead adds first-load JS and Lighthouse rows (bench/page-weight.ts) to `rows` before this. */
export function printTable(title: string, rows: FloorRow[]): void {
  const header = ['what', 'conns', 'portal', 'p50', 'p95', 'floor', 'p50', 'p95', 'ratio', 'errors'];
  const lines = rows.map((row) => {
    if (row.note !== undefined && !row.portal) return [row.what, '', row.note, '', '', '', '', '', '', ''];
    const ratio = row.portal && row.floor ? `${(row.portal.rps / row.floor.rps).toFixed(2)}×` : '—';
    const errors = (row.portal?.errors ?? 0) + (row.floor?.errors ?? 0);
    return [
      row.what,
      row.connections === null ? '' : String(row.connections),
      fmtRate(row.portal, row.unit),
      fmtMs(row.portal?.p50),
      fmtMs(row.portal?.p95),
      fmtRate(row.floor, row.unit),
      fmtMs(row.floor?.p50),
      fmtMs(row.floor?.p95),
      ratio,
      errors ? String(errors) : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  console.log(`\n${title}`);
  console.log(`| ${header.map((h, i) => h.padEnd(widths[i])).join(' | ')} |`);
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(`| ${l.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
}

/** Builds the bare Next.js app unless its build is newer than every source file. */
function buildNextFloor(): void {
  const buildId = path.join(NEXT_FLOOR_DIR, '.next', 'BUILD_ID');
  const sources = readdirSync(NEXT_FLOOR_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !path.join(e.parentPath, e.name).includes(`${path.sep}.next${path.sep}`))
    .map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs);
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources)) return;
  console.log('building the bare Next.js page (bench/floor/next-app)…');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: NEXT_FLOOR_DIR,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: '.next' },
  });
  if (result.status !== 0) throw new Error(`next build of the floor failed (exit ${result.status})`);
}

const name = `portal_floor_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const dbUrl = new URL(base);
dbUrl.pathname = `/${name}`;
const databaseUrl = dbUrl.toString();
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
const authSecret = randomBytes(32).toString('base64url');
const portalUrl = `http://localhost:${BASE_PORT}`;
const apiFloorUrl = `http://127.0.0.1:${BASE_PORT + 1}`;
const pageFloorUrl = `http://127.0.0.1:${BASE_PORT + 2}`;
let portal: ChildProcess | null = null;
let apiFloor: ChildProcess | null = null;
let pageFloor: ChildProcess | null = null;

const startWorkers = (workers: number) =>
  startPortal(
    {
      DATABASE_URL: databaseUrl,
      PORT: String(BASE_PORT),
      DATA_DIR: dataDir,
      NEXT_DIST_DIR: DIST,
      AUTH_SECRET: authSecret,
      APP_URL: portalUrl,
      PLATFORM_API_KEY: KEY,
      WEB_CONCURRENCY: String(workers),
    },
    { command: process.execPath, args: ['--import', 'tsx', 'server/start.ts'] },
  );

let eventCounter = 0;
const runId = randomBytes(3).toString('hex');

try {
  console.log(`portal and floors with ${CORES} worker process(es) each; ${SECONDS} s per run; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  portal = await startWorkers(CORES);
  buildNextFloor();
  apiFloor = await startChild('API floor', process.execPath, ['--import', 'tsx', path.join(FLOOR_DIR, 'pg-server.ts')], ROOT, {
    PORT: String(BASE_PORT + 1),
    WORKERS: String(CORES),
    DATABASE_URL: databaseUrl,
  }, 'floor ready');
  pageFloor = await startChild('page floor', process.execPath, ['server.mjs'], NEXT_FLOOR_DIR, {
    PORT: String(BASE_PORT + 2),
    WORKERS: String(CORES),
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  }, 'floor ready');

  // Alice (demo data) signed in: a session row and the next-auth cookie that carries its id, as sign-in makes them.
  const [alice] = (await pool.query<{ user_id: string; account_id: string }>(`select id as user_id, account_id from users where email = 'alice@demo.test'`)).rows;
  const sessionId = randomUUID();
  await pool.query(`insert into auth_sessions (id, user_id, provider, expires_at) values ($1, $2, 'demo', now() + interval '1 day')`, [sessionId, alice.user_id]);
  const token = await encode({ token: { sid: sessionId, sub: alice.user_id }, secret: authSecret, maxAge: 86_400 });
  const cookie = `next-auth.session-token=${token}`;
  const auth = { authorization: `Bearer ${KEY}` };
  const accountPath = `/api/v1/accounts/${alice.account_id}`;

  // A fresh batch of 1,000 new events per request (duplicates would skip the insert).
  const usageBody = () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const prefix = `${runId}-${++eventCounter}-`;
    const events: string[] = [];
    for (let i = 0; i < BATCH; i++) {
      events.push(`{"id":"${prefix}${i}","account":"${alice.account_id}","service":"compute","quantity":"1.5","occurredAt":"${at}"}`);
    }
    return `{"events":[${events.join(',')}]}`;
  };
  const json = { ...auth, 'content-type': 'application/json' };

  // Same answer from both, before any timing.
  const fromPortal = await (await fetch(`${portalUrl}${accountPath}`, { headers: auth })).text();
  const fromFloor = await (await fetch(`${apiFloorUrl}${accountPath}`)).text();
  console.log(`GET ${accountPath}: portal ${fromPortal}${fromPortal === fromFloor ? ' (floor: identical)' : `\n  floor differs: ${fromFloor}`}`);
  const usagePortal = await (await fetch(`${portalUrl}/api/v1/usage`, { method: 'POST', headers: json, body: usageBody() })).text();
  const usageFloor = await (await fetch(`${apiFloorUrl}/api/v1/usage`, { method: 'POST', headers: json, body: usageBody() })).text();
  console.log(`POST /api/v1/usage (1,000 events): portal ${usagePortal}, floor ${usageFloor}`);
  for (const target of ['/', '/charges', '/invoices', '/top-up']) {
    const status = (await fetch(`${portalUrl}${target}`, { headers: { cookie }, redirect: 'manual' })).status;
    if (status !== 200) console.log(`warning: ${target} as alice answered ${status}`);
  }

  const warm = async (url: string, headers?: Record<string, string>, expect = 200) => load({ url, connections: 2, seconds: 2, headers, expect });
  const rows: FloorRow[] = [];
  /** Keeps a line for the table and shows it at once (the table follows at the end). */
  const record = (row: FloorRow) => {
    const ratio = row.portal && row.floor ? ` (${(row.portal.rps / row.floor.rps).toFixed(2)}×)` : '';
    console.log(`  ${row.what}, ${row.connections} conn: portal ${fmtRate(row.portal, row.unit)} p50 ${fmtMs(row.portal?.p50)}, floor ${fmtRate(row.floor, row.unit)}${ratio}`);
    rows.push(row);
  };
  const apiConnections = [1, 4, 10];
  await warm(`${portalUrl}${accountPath}`, auth);
  await warm(`${apiFloorUrl}${accountPath}`);
  for (const connections of apiConnections) {
    record({
      what: `GET /api/v1/accounts/{id}`,
      connections,
      unit: 'req/s',
      portal: await load({ url: `${portalUrl}${accountPath}`, connections, headers: auth, expect: 200 }),
      floor: await load({ url: `${apiFloorUrl}${accountPath}`, connections, expect: 200 }),
    });
  }
  for (const connections of apiConnections) {
    record({
      what: `POST /api/v1/usage, ${BATCH.toLocaleString('en')}-event batches`,
      connections,
      unit: 'events/s',
      portal: await load({ url: `${portalUrl}/api/v1/usage`, connections, method: 'POST', headers: json, body: usageBody, expect: 202 }),
      floor: await load({ url: `${apiFloorUrl}/api/v1/usage`, connections, method: 'POST', headers: json, body: usageBody, expect: 202 }),
    });
  }
  for (const connections of apiConnections) {
    record({
      what: 'GET /api/v1/accounts/{id} without a key (401)',
      connections,
      unit: 'req/s',
      portal: await load({ url: `${portalUrl}${accountPath}`, connections, expect: 401 }),
      floor: null,
    });
  }
  await warm(`${pageFloorUrl}/`);
  for (const target of ['/', '/charges', '/invoices', '/top-up']) {
    await warm(`${portalUrl}${target}`, { cookie });
    for (const connections of [1, 4]) {
      record({
        what: `${target} as alice vs the bare page`,
        connections,
        unit: 'req/s',
        portal: await load({ url: `${portalUrl}${target}`, connections, headers: { cookie }, expect: 200 }),
        floor: await load({ url: `${pageFloorUrl}/`, connections, expect: 200 }),
      });
    }
  }
  const unknown = `/no-such-page-${runId}`;
  await warm(`${portalUrl}${unknown}`, undefined, 404);
  await warm(`${pageFloorUrl}${unknown}`, undefined, 404);
  for (const connections of [1, 4]) {
    record({
      what: 'an unknown path (404) vs the bare 404',
      connections,
      unit: 'req/s',
      portal: await load({ url: `${portalUrl}${unknown}`, connections, expect: 404 }),
      floor: await load({ url: `${pageFloorUrl}${unknown}`, connections, expect: 404 }),
    });
  }
  // First-load JS per route and Lighthouse (bench/page-weight.ts) belong here, as rows with a `note`.
  printTable(`Portal vs floor, ${CORES} worker process(es) each (floor = bare node:http + pg for /api/v1, a bare Next.js 16 page for pages)`, rows);

  // The same portal with one worker, against the N-worker figures just measured.
  await stopChild(portal);
  portal = await startWorkers(1);
  const single: FloorRow[] = [];
  const byWorkers = (what: string, connections: number) => rows.find((r) => r.what === what && r.connections === connections)?.portal ?? null;
  await warm(`${portalUrl}${accountPath}`, auth);
  await warm(`${portalUrl}/charges`, { cookie });
  for (const [what, url, headers, connections] of [
    ['GET /api/v1/accounts/{id}', `${portalUrl}${accountPath}`, auth, 10],
    ['/charges as alice vs the bare page', `${portalUrl}/charges`, { cookie }, 4],
    ['/ as alice vs the bare page', `${portalUrl}/`, { cookie }, 4],
  ] as const) {
    single.push({
      what: `${what.split(' vs ')[0]}: WEB_CONCURRENCY=1 (portal) vs =${CORES} (floor column)`,
      connections,
      unit: 'req/s',
      portal: await load({ url, connections, headers, expect: 200 }),
      floor: byWorkers(what, connections),
    });
  }
  printTable(`Portal with 1 worker vs ${CORES} workers (ratio = 1 worker ÷ ${CORES} workers)`, single);
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await stopChild(portal);
  await stopChild(apiFloor);
  await stopChild(pageFloor);
  await pool.end();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
