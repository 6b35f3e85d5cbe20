import cluster, { type Worker } from 'node:cluster';
import { config } from '@/lib/config';
import { closeRawConnection, drizzleFor, openRawConnection, setProcessConnection } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { withStartupLock } from '@/lib/db/startup-lock';
import { runStartupTasks, startBackgroundWork } from './startup-tasks';

export interface RunningCluster {
  url: string;
  workers: number;
  stop(): Promise<void>;
}

/**
 * `npm start` on PostgreSQL with more than one core: this primary migrates and seeds once, runs the
 * billing scheduler and notice delivery once, and forks `workers` web workers that share the HTTP
 * port (node:cluster) and only serve requests (each mounts the demo identity provider, whose state
 * is in the database). A worker that dies is replaced.
 */
export async function startCluster(options: { workers: number }): Promise<RunningCluster> {
  const cfg = config();
  const raw = await openRawConnection({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, max: 4 });
  await migrateDatabase(raw);
  setProcessConnection(raw);
  const db = drizzleFor(raw);
  await withStartupLock(raw, () => runStartupTasks(db, cfg, new Date()));

  let stopping = false;
  const fork = (): Worker => cluster.fork();
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
        await closeRawConnection(raw);
      })();
      return stopped;
    },
  };
}
