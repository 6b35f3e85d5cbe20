/**
 * How both floors (pg-server.ts, next-app/server.mjs) serve: WORKERS processes (node:cluster) share
 * PORT, the way the portal's own server does, so floor and portal are compared process for process.
 * Prints "floor ready" once every worker listens (bench/floor.ts waits for it). Plain JavaScript with
 * no portal code: the floors stay what they measure, a framework with nothing of the portal in it.
 */
import cluster from 'node:cluster';

/**
 * @param {(port: number, listening: () => void) => unknown} serve starts one worker's server on `port`, calling `listening` once it listens
 */
export function serveInWorkers(serve) {
  const port = Number(process.env.PORT);
  const workers = Number(process.env.WORKERS ?? 1);
  if (cluster.isPrimary && workers > 1) {
    for (let i = 0; i < workers; i++) cluster.fork();
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === workers) console.log('floor ready');
    });
    process.on('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exit(0);
    });
    return;
  }
  return serve(port, () => {
    if (workers <= 1) console.log('floor ready');
  });
}
