/**
 * Serves the bare Next.js page on PORT with WORKERS processes (node:cluster), the way the portal's
 * own server does, so the page floor and the portal are compared process for process.
 */
import { createServer } from 'node:http';
import next from 'next';
import { serveInWorkers } from '../cluster.mjs';

await serveInWorkers(async (port, listening) => {
  const app = next({ dev: false, dir: import.meta.dirname, hostname: '127.0.0.1', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  createServer((req, res) => handle(req, res)).listen(port, listening);
});
