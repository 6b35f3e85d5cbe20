/**
 * Serves the bare Next.js page on PORT with WORKERS processes (node:cluster), the way the portal's
 * own server does, so the page floor and the portal are compared process for process.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import next from 'next';

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
} else {
  const app = next({ dev: false, dir: import.meta.dirname, hostname: '127.0.0.1', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  createServer((req, res) => handle(req, res)).listen(port, () => {
    if (workers <= 1) console.log('floor ready');
  });
}
