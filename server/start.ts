import cluster from 'node:cluster';
import { config, ConfigurationError } from '@/lib/config';
import { DataDirLockedError, readDataDirLock } from '@/lib/db/lock';
import { ensureBuild } from './build';

const dev = process.argv.includes('--dev');
// React and Next run their production code paths only when told so.
(process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';

function onSignals(stop: () => Promise<void>, announce: boolean): void {
  const shutdown = async (signal: string) => {
    if (announce) console.log(`[portal] ${signal}: shutting down`);
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function main() {
  // Fail fast, before any build: a production configuration with problems never starts, and the
  // embedded database allows one process per data folder.
  const cfg = config();
  if (cluster.isWorker) {
    // A web worker of the primary below: it migrated, seeded and built already.
    // './portal' first: it loads Next.js, which must set up its AsyncLocalStorage before lib/ code loads.
    const { projectRoot, startPortal } = await import('./portal');
    const portal = await startPortal({ dev: false, root: projectRoot, worker: true });
    onSignals(() => portal.stop(), false);
    return;
  }
  const holder = cfg.databaseUrl ? null : readDataDirLock(cfg.dataDir);
  if (holder) throw new DataDirLockedError(cfg.dataDir, holder);
  const { projectRoot, startPortal } = await import('./portal');
  if (!dev) ensureBuild(projectRoot, process.env.NEXT_DIST_DIR || '.next');
  const describe = () => `[portal] database: ${cfg.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${cfg.dataDir}`}`;
  if (cfg.demoMode) {
    console.warn(
      '[portal] DEMO MODE: the demo identity provider, the sandbox card processor, the demo mailbox and demo data are on. ' +
        'Not for real customers: configure an identity provider (or PORTAL_MODE=production) to run in production mode.',
    );
  }
  // One process per core on PostgreSQL; the embedded database has one owner, so one process.
  if (!dev && cfg.databaseUrl && cfg.webConcurrency > 1) {
    const { startCluster } = await import('./cluster');
    const running = await startCluster({ workers: cfg.webConcurrency });
    console.log(`[portal] ready on ${running.url} (${cfg.mode} mode)`);
    console.log(`${describe()}; ${running.workers} web workers (WEB_CONCURRENCY)`);
    onSignals(() => running.stop(), true);
    return;
  }
  const portal = await startPortal({ dev, root: projectRoot });
  console.log(`[portal] ready on ${portal.url} (${cfg.mode} mode)`);
  console.log(describe());
  onSignals(() => portal.stop(), true);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(`[portal] ${error.message}`);
  else if (error instanceof ConfigurationError) {
    console.error(`[portal] refusing to start in ${error.mode} mode (${error.because}): ${error.problems.length} configuration problem(s)`);
    for (const problem of error.problems) console.error(`[portal]   - ${problem}`);
  }
  else console.error('[portal] failed to start:', error);
  process.exit(1);
});
