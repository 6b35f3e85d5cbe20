import { config } from '@/lib/config';
import { DataDirLockedError, readDataDirLock } from '@/lib/db/lock';
import { ensureBuild } from './build';

const dev = process.argv.includes('--dev');
// React and Next run their production code paths only when told so.
(process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';

async function main() {
  const cfg = config();
  // Fail fast, before any build: the embedded database allows one process per data folder.
  const holder = cfg.databaseUrl ? null : readDataDirLock(cfg.dataDir);
  if (holder) throw new DataDirLockedError(cfg.dataDir, holder);
  const { projectRoot, startPortal } = await import('./portal');
  if (!dev) ensureBuild(projectRoot, process.env.NEXT_DIST_DIR || '.next');
  const portal = await startPortal({ dev, root: projectRoot });
  console.log(`[portal] ready on ${portal.url}${cfg.demoMode ? ' (demo mode: demo identity provider, sandbox card processor, demo data)' : ''}`);
  console.log(`[portal] database: ${cfg.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${cfg.dataDir}`}`);
  const shutdown = async (signal: string) => {
    console.log(`[portal] ${signal}: shutting down`);
    await portal.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(`[portal] ${error.message}`);
  else console.error('[portal] failed to start:', error);
  process.exit(1);
});
