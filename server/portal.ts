import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import next from 'next';
import { config } from '@/lib/config';
import { closeRawConnection, drizzleFor, openRawConnection, openReadConnection, setProcessConnection, setProcessReadConnection } from '@/lib/db/client';
import { acquireDataDirLock } from '@/lib/db/lock';
import { migrateDatabase } from '@/lib/db/migrate';
import { withStartupLock } from '@/lib/db/startup-lock';
import { providerFormOrigins, securityHeaders } from '@/lib/http/security-headers';
import { createMachineApi, isMachineApiPath } from '@/lib/machine-api/router';
import { registerBillingJobs } from './billing-jobs';
import { createDemoIdp, DEMO_IDP_MOUNT } from './demo-idp';
import { createFastNotFound } from './fast-not-found';
import { hardenRequest, prepareForNext } from './request-hardening';
import { runStartupTasks, startBackgroundWork } from './startup-tasks';

export interface RunningPortal {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole portal in this process: takes the data-folder lock (embedded database),
 * migrates, seeds demo data, mounts the demo identity provider under /oidc, serves Next.js and
 * runs the background work (billing scheduler, notice delivery). As a web worker of a cluster
 * (server/cluster.ts; `worker`) it only serves: the primary migrated, seeded and runs the
 * background work once. Every process mounts the demo provider: its state is in the database.
 */
export async function startPortal(options: { dev: boolean; root: string; worker?: boolean }): Promise<RunningPortal> {
  const cfg = config();
  process.env.NEXTAUTH_URL ??= cfg.appUrl;
  process.env.NEXTAUTH_SECRET ??= cfg.authSecret;
  const worker = options.worker;

  const release = cfg.databaseUrl ? () => {} : acquireDataDirLock(cfg.dataDir, 'portal server', cfg.port);
  const raw = await openRawConnection({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  if (!worker) await migrateDatabase(raw);
  setProcessConnection(raw);
  // History and overview reads go to the replica when there is one (getReadDb); everything else to the primary.
  const readRaw = await openReadConnection(cfg);
  setProcessReadConnection(readRaw);
  const db = drizzleFor(raw);
  if (worker) registerBillingJobs(cfg);
  else await withStartupLock(raw, () => runStartupTasks(db, cfg, new Date()));

  const app = next({ dev: options.dev, dir: options.root, hostname: cfg.hostname, port: cfg.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const demoIdp = cfg.demoMode ? createDemoIdp(cfg, db) : null;
  const hardening = {
    trustProxy: cfg.trustProxy,
    headers: securityHeaders({ appUrl: cfg.appUrl, formActionOrigins: providerFormOrigins(cfg), development: options.dev }),
  };
  // The machine API is answered here, before Next.js: no React, no proxy, no i18n for the platform.
  // Global Request/Response stay Next's own (no override), so both can share the process.
  const machineApi = getRequestListener(createMachineApi().fetch, { overrideGlobalObjects: false });
  // Unknown paths get Next's own 404 page, rendered once per locale and answered from memory.
  const fastNotFound = options.dev
    ? null
    : createFastNotFound({ root: options.root, distDir: process.env.NEXT_DIST_DIR || '.next', origin: `http://127.0.0.1:${cfg.port}`, fallback: handle });

  // Pages get their nonce CSP and path here, not in a Next.js proxy: one place, and no middleware run per request.
  const toNext = (req: IncomingMessage, res: ServerResponse) => {
    prepareForNext(req, res, hardening.headers);
    return fastNotFound?.(req, res) ? undefined : handle(req, res);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!hardenRequest(req, res, hardening)) return;
    const url = req.url ?? '/';
    const route = isMachineApiPath(url)
      ? machineApi(req, res)
      : demoIdp && (url === DEMO_IDP_MOUNT || url.startsWith(`${DEMO_IDP_MOUNT}/`))
        ? demoIdp(req, res)
        : toNext(req, res);
    Promise.resolve(route).catch((error: unknown) => {
      console.error('[portal] request failed:', (error as Error).message);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
  // Idle keep-alive connections stay open longer than any client's or load balancer's (60 s is the
  // usual idle timeout): a server that closes first races a client reusing the connection, which
  // then fails with a reset (seen as "fetch failed" under load).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, resolve);
  });
  const stopBackground = worker ? async () => {} : startBackgroundWork(() => db, cfg);

  let stopping: Promise<void> | null = null;
  return {
    server,
    url: cfg.appUrl,
    stop() {
      stopping ??= (async () => {
        await stopBackground();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await app.close?.();
        if (readRaw) await closeRawConnection(readRaw);
        await closeRawConnection(raw);
        release();
      })();
      return stopping;
    },
  };
}

export const projectRoot = path.resolve(import.meta.dirname, '..');
