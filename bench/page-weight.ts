/**
 * What a customer's browser downloads and how fast the customer pages answer, on the demo data.
 *
 * Starts the portal (as `npm start` does, demo mode) on PostgreSQL (a fresh database of its own, or
 * the embedded database with BENCH_EMBEDDED=1), signs in as a demo customer through the demo
 * identity provider in Chromium, then prints:
 *   - first-load JavaScript per route: every script response of a fresh, empty-cache page load, as
 *     transferred (headers + encoded body) and raw;
 *   - Lighthouse (mobile, simulated throttling) performance, accessibility and total blocking time
 *     for /, /charges, /invoices, /top-up — when `lighthouse` is installed (node_modules/.bin);
 *   - autocannon throughput of /, /charges, /invoices, /top-up at 1 and 4 connections, p50/p95.
 * Figures only, no assertions.
 *
 *   npm run bench -- page-weight
 *   Options: PORT (3892) NEXT_DIST_DIR (.next-page-weight) SECONDS (10) BENCH_USER (alice)
 *            BENCH_EMBEDDED (unset: PostgreSQL) CHROMIUM_PATH (/usr/bin/chromium) LIGHTHOUSE (1; 0 skips it)
 *            LIGHTHOUSE_BIN (node_modules/.bin/lighthouse) VERBOSE (1: list every script of each route)
 *            LIGHTHOUSE_REPORTS (a folder, e.g. bench/out/lighthouse: keeps each route's full JSON report there, to see
 *            why a score misses — the LCP element, long tasks, render-blocking requests)
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { benchDatabaseBase, loadPage, ROOT, startPortal, stopChild } from './lib/common';

const PORT = Number(process.env.PORT ?? 3892);
const DIST = process.env.NEXT_DIST_DIR ?? '.next-page-weight';
const SECONDS = Number(process.env.SECONDS ?? 10);
const USERNAME = process.env.BENCH_USER ?? 'alice';
const EMBEDDED = process.env.BENCH_EMBEDDED === '1';
const WEIGHT_ROUTES = ['/', '/charges', '/invoices', '/top-up', '/contact', '/terms', '/sign-in'];
const LOAD_ROUTES = ['/', '/charges', '/invoices', '/top-up'];
const LIGHTHOUSE_ROUTES = ['/', '/charges', '/invoices', '/top-up'];
/** The flags of playwright.config.ts. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)));
const appUrl = `http://localhost:${PORT}`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

let admin: pg.Client | null = null;
let databaseName: string | null = null;
let databaseUrl: string | undefined;
if (!EMBEDDED) {
  const base = benchDatabaseBase('postgres://postgres@127.0.0.1:5432/test');
  databaseName = `portal_weight_${randomBytes(4).toString('hex')}`;
  admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  const url = new URL(base);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
}
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-page-weight-'));
let server: ChildProcess | null = null;
let browser: Browser | null = null;

try {
  console.log(`page-weight bench: portal on ${appUrl}, ${EMBEDDED ? 'embedded PGlite' : 'PostgreSQL'}, demo data, signed in as ${USERNAME}`);
  const started = performance.now();
  server = await startPortal({ ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PORT: String(PORT), DATA_DIR: dataDir, NEXT_DIST_DIR: DIST, APP_URL: appUrl });
  console.log(`portal started in ${((performance.now() - started) / 1000).toFixed(1)} s (builds into ${DIST} when sources changed)`);

  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const signedIn = await browser.newContext();
  await signIn(signedIn);
  const cookies = await signedIn.cookies(appUrl);
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const storage = await signedIn.storageState();
  await signedIn.close();

  console.log('\nFirst-load JavaScript (fresh context, empty cache; transferred = headers + encoded body):');
  for (const route of WEIGHT_ROUTES) {
    // Warm the route on the server first: the figure is the browser's download, not a cold start.
    await fetch(`${appUrl}${route}`, { headers: route === '/sign-in' ? {} : { cookie: cookieHeader }, redirect: 'manual' });
    const size = await firstLoadScripts(browser, route, route === '/sign-in' ? undefined : storage);
    console.log(
      `  ${route.padEnd(10)} ${String(size.files).padStart(3)} scripts  ${kib(size.transferred).padStart(10)} transferred  ${kib(size.raw).padStart(10)} raw` +
        `  HTML ${kib(size.html)} transferred${size.finalPath === route ? '' : `  (ended on ${size.finalPath})`}`,
    );
  }
  await browser.close();
  browser = null;

  const lighthouseBin = process.env.LIGHTHOUSE_BIN ?? path.join(ROOT, 'node_modules/.bin/lighthouse');
  if (process.env.LIGHTHOUSE === '0') console.log('\nLighthouse: skipped (LIGHTHOUSE=0)');
  else if (!existsSync(lighthouseBin)) console.log('\nLighthouse: not installed (npm i -D -E lighthouse@12.2.3), skipped');
  else {
    console.log('\nLighthouse 12 (mobile, simulated throttling):');
    for (const route of LIGHTHOUSE_ROUTES) {
      const scores = lighthouse(lighthouseBin, route, cookieHeader);
      console.log(
        scores
          ? `  ${route.padEnd(10)} performance ${scores.performance}  accessibility ${scores.accessibility}  TBT ${scores.tbt.toFixed(0)} ms  LCP ${scores.lcp.toFixed(0)} ms`
          : `  ${route.padEnd(10)} (Lighthouse failed)`,
      );
    }
  }

  for (const connections of [1, 4]) {
    console.log(`\nHTTP, ${connections} connection(s) × ${SECONDS} s each, signed in (p50 / p95, requests per second):`);
    for (const route of LOAD_ROUTES) {
      const result = await loadPage(`${appUrl}${route}`, cookieHeader, { connections, seconds: SECONDS });
      console.log(
        `  ${route.padEnd(10)} p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  ${result.rps.toFixed(1)} req/s  (${result.count} requests, ${result.errors} not 200)`,
      );
    }
  }
} finally {
  await browser?.close();
  // npx → tsx → node: the whole process group, or the portal outlives the bench.
  await stopChild(server);
  if (admin && databaseName) {
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/** The demo identity provider's real flow, as e2e/fixtures.ts signs in (English, declaration made when asked). */
async function signIn(context: BrowserContext): Promise<void> {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: appUrl }]);
  const page = await context.newPage();
  await page.goto(`${appUrl}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('button', { name: /Demo ID/ }).click();
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/api/auth'));
  if (new URL(page.url()).pathname === '/welcome') {
    await page.getByRole('radio', { name: /individual/i }).check();
    await page.getByRole('radio', { name: /^(Mainland )?China/i }).first().check();
    await page.getByRole('checkbox', { name: /accept/i }).check();
    await page.getByRole('button', { name: /continue|confirm/i }).click();
    await page.waitForURL((url) => url.pathname !== '/welcome');
  }
  await page.close();
}

async function firstLoadScripts(
  b: Browser,
  route: string,
  storage: Awaited<ReturnType<BrowserContext['storageState']>> | undefined,
): Promise<{ files: number; transferred: number; raw: number; html: number; finalPath: string }> {
  const context = await b.newContext(storage ? { storageState: storage } : {});
  if (!storage) await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: appUrl }]);
  try {
    const page = await context.newPage();
    const scripts: Promise<{ transferred: number; raw: number }>[] = [];
    let html = 0;
    const documents: Promise<void>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type === 'document') {
        documents.push(
          response
            .request()
            .sizes()
            .then((s) => {
              html = s.responseHeadersSize + s.responseBodySize;
            }),
        );
      }
      if (type !== 'script') return;
      scripts.push(
        (async () => {
          const body = await response.body();
          const sizes = await response.request().sizes();
          const transferred = sizes.responseHeadersSize + sizes.responseBodySize;
          if (process.env.VERBOSE === '1') console.log(`      ${kib(transferred).padStart(10)}  ${new URL(response.url()).pathname}`);
          return { transferred, raw: body.length };
        })(),
      );
    });
    await page.goto(`${appUrl}${route}`, { waitUntil: 'networkidle' });
    const all = await Promise.all(scripts);
    await Promise.all(documents);
    return {
      files: all.length,
      transferred: all.reduce((s, x) => s + x.transferred, 0),
      raw: all.reduce((s, x) => s + x.raw, 0),
      html,
      finalPath: new URL(page.url()).pathname,
    };
  } finally {
    await context.close();
  }
}

function lighthouse(bin: string, route: string, cookie: string): { performance: number; accessibility: number; tbt: number; lcp: number } | null {
  const run = spawnSync(
    bin,
    [
      `${appUrl}${route}`,
      '--quiet',
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance,accessibility',
      '--chrome-flags=--headless --no-sandbox',
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
    ],
    { cwd: ROOT, env: { ...process.env, CHROME_PATH: executablePath ?? '/usr/bin/chromium' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0) return null;
  const reports = process.env.LIGHTHOUSE_REPORTS;
  if (reports) {
    mkdirSync(path.resolve(ROOT, reports), { recursive: true });
    writeFileSync(path.resolve(ROOT, reports, `${route === '/' ? 'overview' : route.slice(1).replaceAll('/', '-')}.json`), run.stdout);
  }
  const report = JSON.parse(run.stdout) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number }>;
  };
  return {
    performance: Math.round((report.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((report.categories.accessibility?.score ?? 0) * 100),
    tbt: report.audits['total-blocking-time']?.numericValue ?? NaN,
    lcp: report.audits['largest-contentful-paint']?.numericValue ?? NaN,
  };
}

