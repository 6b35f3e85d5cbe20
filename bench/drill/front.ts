import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Front {
  url: string;
  /** Every request in the order it came: which backend (index into `backends`) answered it. */
  served: { backend: number; method: string; path: string }[];
  close(): Promise<void>;
}

/**
 * A load balancer for tests and drills: each request goes to the next backend in turn (round
 * robin, no affinity), unchanged, so consecutive requests of one client land on different instances.
 */
export async function startRoundRobinFront(backends: string[], port = 0): Promise<Front> {
  const served: Front['served'] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const backend = next;
    next = (next + 1) % backends.length;
    served.push({ backend, method: req.method ?? 'GET', path: req.url ?? '/' });
    const target = new URL(backends[backend]);
    const upstream = httpRequest({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`front: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
