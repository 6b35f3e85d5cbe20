import { rmSync } from 'node:fs';
import { config } from '@/lib/config';

// A fresh data folder for every end-to-end run, then the same server as `npm start`.
rmSync(config().dataDir, { recursive: true, force: true });
(globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
await import('../server/start');
