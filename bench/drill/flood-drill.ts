import autocannon from 'autocannon';
import { signInThroughDemoIdp } from '../../scripts/fuzz/sign-in';
import { createDrillDatabase } from './database';
import { ensureDrillBuild, startInstance, type Instance } from './instances';

export interface FloodDrillOptions {
  /** Connections in all (half to each instance). */
  connections: number;
  seconds: number;
  /** Full sign-ins through the demo identity provider kept going at once, per instance. */
  signInLoops?: number;
  log?: (line: string) => void;
}

export interface FloodDrillResult {
  connections: number;
  seconds: number;
  requests: number;
  statuses: Record<string, number>;
  serverErrors: number;
  timeouts: number;
  socketErrors: number;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  signIns: number;
  signInFailures: number;
  signInErrors: string[];
  crossInstanceSessions: string;
  losses: string[];
}

/** GET with a session: the page must render for the signed-in user, not send them to sign-in. */
async function rendersSignedIn(instance: Instance, cookie: string): Promise<boolean> {
  const response = await fetch(`${instance.url}/`, { headers: { cookie }, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status === 200;
}

/**
 * Drill 4: two instances on one PostgreSQL database, flooded for `seconds` by `connections`
 * connections (autocannon) loading the sign-in page, next-auth's CSRF endpoint, and the overview and
 * charges pages with sessions made on the *other* instance, while loops of full sign-ins through
 * the demo identity provider run beside them. No 5xx; p99 reported. Timeouts are reported, not
 * counted as losses (a saturated host queues; it must not fail).
 */
export async function runFloodDrill(options: FloodDrillOptions): Promise<FloodDrillResult> {
  const log = options.log ?? (() => {});
  const database = await createDrillDatabase('portal_drill4', { poolSize: 2 });
  const instances: Instance[] = [];
  try {
    await ensureDrillBuild();
    instances.push(await startInstance({ name: 'a', databaseUrl: database.url }));
    instances.push(await startInstance({ name: 'b', databaseUrl: database.url }));
    const [a, b] = instances;
    // Sessions made on one instance, used on the other: nothing a session needs lives in one process.
    const alice = (await signInThroughDemoIdp(a.url, 'alice')).header();
    const bob = (await signInThroughDemoIdp(b.url, 'bob')).header();
    const cross = [await rendersSignedIn(b, alice), await rendersSignedIn(a, bob)];
    const crossInstanceSessions = `${cross.filter(Boolean).length}/2`;
    log(`drill 4: sessions across instances ${crossInstanceSessions}; flooding with ${options.connections} connections for ${options.seconds} s`);

    let stop = false;
    let signIns = 0;
    const signInErrors: string[] = [];
    const loops = instances.flatMap((instance) =>
      Array.from({ length: options.signInLoops ?? 10 }, async (_, k) => {
        let n = 0;
        while (!stop) {
          try {
            await signInThroughDemoIdp(instance.url, `flood-${instance.name}-${k}-${n++}`);
            signIns += 1;
          } catch (error) {
            signInErrors.push((error as Error).message.slice(0, 200));
          }
        }
      }),
    );
    const flood = (instance: Instance, cookie: string) =>
      autocannon({
        url: instance.url,
        connections: Math.max(1, Math.floor(options.connections / 2)),
        duration: options.seconds,
        timeout: 60,
        requests: [
          { method: 'GET', path: '/sign-in' },
          { method: 'GET', path: '/api/auth/csrf' },
          { method: 'GET', path: '/', headers: { cookie } },
          { method: 'GET', path: '/charges', headers: { cookie } },
        ],
      });
    const results = await Promise.all([flood(a, bob), flood(b, alice)]);
    stop = true;
    await Promise.all(loops);

    const statuses: Record<string, number> = {};
    for (const r of results) {
      for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = (statuses[code] ?? 0) + (stat.count ?? 0);
    }
    const serverErrors = results.reduce((n, r) => n + r['5xx'], 0);
    const requests = results.reduce((n, r) => n + r.requests.total, 0);
    const losses: string[] = [];
    if (serverErrors > 0) losses.push(`${serverErrors} responses were 5xx`);
    if (cross.some((ok) => !ok)) losses.push(`a session made on one instance was refused by the other (${crossInstanceSessions})`);
    const serverErrorSignIns = signInErrors.filter((e) => /status 5\d\d/.test(e));
    if (serverErrorSignIns.length > 0) losses.push(`${serverErrorSignIns.length} sign-ins ended in a 5xx`);
    // A sign-in the portal gave up on (next-auth's OAuthSignin/OAuthCallback) is a lost sign-in.
    const abandoned = signInErrors.filter((e) => /error=OAuth/.test(e));
    if (abandoned.length > 0) losses.push(`${abandoned.length} of ${signIns + signInErrors.length} full sign-ins ended in a next-auth error (${[...new Set(abandoned.map((e) => /error=(\w+)/.exec(e)?.[1]))].join(', ')})`);
    return {
      connections: options.connections,
      seconds: options.seconds,
      requests,
      statuses,
      serverErrors,
      timeouts: results.reduce((n, r) => n + r.timeouts, 0),
      socketErrors: results.reduce((n, r) => n + r.errors - r.timeouts, 0),
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      requestsPerSecond: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
      signIns,
      signInFailures: signInErrors.length,
      signInErrors: [...new Set(signInErrors)].slice(0, 5),
      crossInstanceSessions,
      losses,
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await database.drop();
  }
}
