/** See cluster.mjs. */
export function serveInWorkers(serve: (port: number, listening: () => void) => unknown): unknown;
