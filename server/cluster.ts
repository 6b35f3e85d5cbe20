import cluster, { type Worker } from 'node:cluster';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { config } from '@/lib/config';
import { closeRawConnection, drizzleFor, openRawConnection, setProcessConnection } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { withStartupLock } from '@/lib/db/startup-lock';
import { createDemoIdp } from './demo-idp';
import { runStartupTasks, startBackgroundWork } from './startup-tasks';

/** The environment variable through which the primary tells its workers where its demo identity provider listens. */
export const DEMO_IDP_URL_ENV = 'PORTAL_DEMO_IDP_URL';

/** Passes a request on, unchanged (path, headers, body), to a server on this machine and streams its answer back. */
export function proxyTo(base: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const target = new URL(base);
  return (req, res) =>
    new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once('error', reject);
          res.once('close', () => resolve());
        },
      );
      upstream.once('error', reject);
      req.pipe(upstream);
    });
}

export interface RunningCluster {
  url: string;
  workers: number;
  stop(): Promise<void>;
}

/**
 * `npm start` on PostgreSQL with more than one core: this primary migrates and seeds once, runs the
 * billing scheduler and notice delivery once, hosts the demo identity provider (its interactions
 * live in memory, so one instance) on a loopback port, and forks `workers` web workers that share
 * the HTTP port (node:cluster) and only serve requests. A worker that dies is replaced.
 */
export async function startCluster(options: { workers: number }): Promise<RunningCluster> {
  const cfg = config();
  const raw = await openRawConnection({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, max: 4 });
  await migrateDatabase(raw);
  setProcessConnection(raw);
  const db = drizzleFor(raw);
  await withStartupLock(raw, () => runStartupTasks(db, cfg, new Date()));

  let idpServer: Server | null = null;
  let idpUrl = '';
  if (cfg.demoMode) {
    const handle = createDemoIdp(cfg);
    const server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error('[demo-idp] request failed:', (error as Error).message);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    idpServer = server;
    idpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  let stopping = false;
  const fork = (): Worker => cluster.fork({ [DEMO_IDP_URL_ENV]: idpUrl });
  // All workers listening, or the first one that dies before it does fails the start.
  await new Promise<void>((resolve, reject) => {
    let listening = 0;
    const started = Array.from({ length: options.workers }, fork);
    const onListening = () => {
      if (++listening === started.length) done(null);
    };
    const onExit = (worker: Worker, code: number | null) => done(new Error(`worker ${worker.process.pid} exited (code ${code}) while starting`));
    const done = (error: Error | null) => {
      cluster.off('listening', onListening);
      cluster.off('exit', onExit);
      if (error) {
        for (const w of started) w.process.kill('SIGTERM');
        reject(error);
      } else resolve();
    };
    cluster.on('listening', onListening);
    cluster.on('exit', onExit);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`[portal] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(() => {
      if (!stopping) fork();
    }, 1_000);
  });
  const stopBackground = startBackgroundWork(() => db, cfg);

  let stopped: Promise<void> | null = null;
  return {
    url: cfg.appUrl,
    workers: options.workers,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
        await Promise.all(
          workers.map(
            (w) =>
              new Promise<void>((resolve) => {
                if (w.isDead()) return resolve();
                w.once('exit', () => resolve());
                w.process.kill('SIGTERM');
              }),
          ),
        );
        await stopBackground();
        if (idpServer) {
          idpServer.closeAllConnections();
          await new Promise<void>((resolve) => idpServer.close(() => resolve()));
        }
        await closeRawConnection(raw);
      })();
      return stopped;
    },
  };
}
