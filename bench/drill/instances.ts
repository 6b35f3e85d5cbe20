import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** One AUTH_SECRET for every instance of a drill: what instances must share comes from the environment. */
export const DRILL_AUTH_SECRET = `drill-${randomBytes(24).toString('base64url')}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** The data folder's token for the internal routes (per host, never shared). */
  internalToken(): string;
  /** Last lines the process wrote, for reports. */
  output(): string;
  /** `kill -9`: no shutdown, no cleanup. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export interface InstanceOptions {
  name: string;
  databaseUrl: string;
  /** Reuse a data folder (a restart); a fresh one by default. */
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for "ready" (a start on a loaded machine, migrations and demo seeding included). */
  readyTimeoutMs?: number;
}

/**
 * A real portal instance: `server/start.ts` (what `npm start` runs) as a child process, demo mode
 * (the sandbox card processor), on PostgreSQL, WEB_CONCURRENCY=1, its own port and data folder, the
 * drill's shared AUTH_SECRET, no billing scheduler (the drill runs billing itself).
 */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `portal-drill-${options.name}-`));
  const url = `http://127.0.0.1:${port}`;
  // node --import tsx, not the tsx CLI: the CLI runs the server in a child process of its own, and
  // `kill -9` of the CLI would leave that server running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORTAL_MODE: 'demo',
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      APP_URL: url,
      AUTH_SECRET: DRILL_AUTH_SECRET,
      WEB_CONCURRENCY: '1',
      BILLING_INTERVAL_SECONDS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name}: not ready after ${options.readyTimeoutMs ?? 300_000} ms\n${log.slice(-3000)}`)), options.readyTimeoutMs ?? 300_000);
    const onData = () => {
      if (log.includes('[portal] ready on')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready\n${log.slice(-3000)}`));
    });
  });

  return {
    name: options.name,
    port,
    url,
    dataDir,
    child,
    internalToken: () => (JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { internalToken: string }).internalToken,
    output: () => log,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Builds the app once before instances start (they would wait for each other's build otherwise). */
export async function ensureDrillBuild(): Promise<void> {
  const { ensureBuild } = await import('../../server/build');
  ensureBuild(projectRoot, process.env.NEXT_DIST_DIR || '.next');
}

/** POST to an instance's internal route (loopback, the instance's own data-folder token). */
export async function postInternal(instance: Instance, route: 'billing' | 'backup', body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${instance.url}/api/internal/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-token': instance.internalToken() },
    body: JSON.stringify(body),
    signal,
  });
}

/** Starts several instances at once; if one fails, stops the others before throwing. */
export async function startInstances(list: InstanceOptions[]): Promise<Instance[]> {
  const settled = await Promise.allSettled(list.map((options) => startInstance(options)));
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((i) => i.stop()));
    throw failed.reason;
  }
  return started;
}
