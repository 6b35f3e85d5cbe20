import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { requestArbitrary, type FuzzRequest } from './arbitraries';
import { discoverRoutes } from './routes';
import { signInThroughDemoIdp } from './sign-in';

/*
 * The HTTP fuzz: starts a real portal in this process (production build, embedded database in a
 * fresh folder, demo mode), signs in as each role through the demo identity provider, and sends
 * generated requests to every discovered page and route handler as every role. It counts:
 *  - server errors: any 5xx, and a server error rendered into a streamed 200 page;
 *  - writes on refused input: a request answered 4xx (or sent to sign-in) that changed a table.
 *
 * Writes are found without slowing every case down: PostgreSQL hands out a transaction id only to
 * a transaction that writes, so when the next unassigned id is unchanged across a request, nothing
 * was written; only when it moved are the tables' row checksums compared.
 */

export const FUZZ_ROLES = ['anonymous', 'customer', 'support', 'finance', 'admin', 'platform'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

/** Demo users of each signed-in role (lib/demo): all declared, so their pages render fully. */
const ROLE_USERS: Partial<Record<FuzzRole, string>> = { customer: 'alice', support: 'sam', finance: 'fiona', admin: 'ada' };

/*
 * Writes that are not caused by the request's input and are left out of the checksums:
 * the session's last-seen time (touched by any signed-in request) and the outbox worker's
 * delivery bookkeeping and demo mailbox, which run in the background on their own schedule.
 */
const IGNORED_COLUMNS: Record<string, string[]> = {
  auth_sessions: ['last_seen_at'],
  notice_deliveries: ['status', 'attempts', 'next_attempt_at', 'claimed_until', 'last_error', 'provider_message_id', 'sent_at'],
};
const IGNORED_TABLES = new Set(['mailbox_messages']);

export interface FuzzFinding {
  role: FuzzRole;
  method: string;
  target: string;
  route: string;
  status: number | null;
  detail: string;
}

export interface FuzzSummary {
  cases: number;
  seed: number;
  seconds: number;
  routes: number;
  statuses: Record<string, number>;
  serverErrors: FuzzFinding[];
  writesOnRefused: FuzzFinding[];
  /** Requests that got no answer (connection reset, timeout). */
  transportErrors: FuzzFinding[];
}

type ExecuteDb = { execute(query: ReturnType<typeof sql.raw>): Promise<{ rows: Array<Record<string, unknown>> }> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function nextTransactionId(db: ExecuteDb): Promise<string> {
  const result = await db.execute(sql.raw('select pg_snapshot_xmax(pg_current_snapshot())::text as x'));
  return String(result.rows[0].x);
}

async function tableChecksums(db: ExecuteDb): Promise<Map<string, string>> {
  const tables = await db.execute(sql.raw("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name"));
  const names = tables.rows.map((r) => String(r.table_name)).filter((name) => !IGNORED_TABLES.has(name));
  const parts = names.map((name) => {
    const ignored = (IGNORED_COLUMNS[name] ?? []).map((c) => `'${c}'`).join(',');
    const row = ignored ? `(to_jsonb(t) - array[${ignored}]::text[])::text` : 'to_jsonb(t)::text';
    return `select '${name}' as name, count(*)::text || ':' || coalesce(sum(hashtext(${row})::bigint), 0)::text as sum from "${name}" t`;
  });
  const result = await db.execute(sql.raw(parts.join(' union all ')));
  return new Map(result.rows.map((r) => [String(r.name), String(r.sum)]));
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

/** A server error React rendered into an already-started 200 stream (its digest is a number; notFound/redirect have named ones). */
const HIDDEN_SERVER_ERROR = /data-dgst="\d+"|\\?"digest\\?":\\?"\d+\\?"/;

export interface FuzzOptions {
  cases: number;
  seed?: number;
  log?: (line: string) => void;
}

/** Starts the portal, fuzzes it and stops it. The caller must not have loaded the configuration yet. */
export async function runHttpFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const log = options.log ?? (() => {});
  const root = path.resolve(import.meta.dirname, '../..');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-fuzz-'));
  const port = await freePort();
  Object.assign(process.env, { PORT: String(port), DATA_DIR: dataDir, BILLING_INTERVAL_SECONDS: '0', NEXT_TELEMETRY_DISABLED: '1' });
  (process.env as Record<string, string>).NODE_ENV = 'production';
  delete process.env.APP_URL;
  (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;

  const { ensureBuild } = await import('../../server/build');
  const { startPortal } = await import('../../server/portal');
  const { config } = await import('@/lib/config');
  const { drizzleFor, processConnection } = await import('@/lib/db/client');
  ensureBuild(root, process.env.NEXT_DIST_DIR || '.next');
  log(`[fuzz] starting the portal on port ${port} (data in ${dataDir})`);
  const portal = await startPortal({ dev: false, root });
  const started = Date.now();
  try {
    const baseUrl = portal.url;
    const raw = processConnection();
    if (!raw) throw new Error('the portal opened no database');
    const db = drizzleFor(raw) as unknown as ExecuteDb;

    const cookies = new Map<FuzzRole, string>();
    for (const [role, username] of Object.entries(ROLE_USERS) as Array<[FuzzRole, string]>) {
      cookies.set(role, (await signInThroughDemoIdp(baseUrl, username)).header());
    }
    const platformKey = config().platformApiKey;
    const routes = discoverRoutes(path.join(root, 'app'));
    log(`[fuzz] ${routes.length} routes: ${routes.map((r) => `${r.kind === 'page' ? '' : `${r.methods.join('|')} `}${r.template}`).join(', ')}`);

    const summary: FuzzSummary = { cases: 0, seed: options.seed ?? Date.now() % 2 ** 31, seconds: 0, routes: routes.length, statuses: {}, serverErrors: [], writesOnRefused: [], transportErrors: [] };
    let baseline = { txid: await nextTransactionId(db), sums: await tableChecksums(db) };

    const send = async (role: FuzzRole, request: FuzzRequest) => {
      const headers = new Headers({ 'user-agent': 'portal-fuzz' });
      const cookie = cookies.get(role);
      if (cookie) headers.set('cookie', cookie);
      if (role === 'platform' && platformKey) headers.set('authorization', `Bearer ${platformKey}`);
      if (request.contentType) headers.set('content-type', request.contentType);
      const body = request.body === null ? undefined : request.padding ? `${request.body}${'x'.repeat(request.padding)}"}` : request.body;
      const response = await fetch(`${baseUrl}${request.target}`, { method: request.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      return { status: response.status, location: response.headers.get('location'), text };
    };

    const property = fc.asyncProperty(fc.constantFrom(...FUZZ_ROLES), requestArbitrary(routes), async (role, request) => {
      summary.cases++;
      const txidBefore = await nextTransactionId(db);
      if (txidBefore !== baseline.txid) baseline = { txid: txidBefore, sums: await tableChecksums(db) };
      const finding = (status: number | null, detail: string): FuzzFinding => ({ role, method: request.method, target: request.target, route: request.route, status, detail });
      let answer: Awaited<ReturnType<typeof send>>;
      try {
        answer = await send(role, request);
      } catch (error) {
        summary.transportErrors.push(finding(null, (error as Error).message));
        return true;
      }
      const bucket = `${Math.floor(answer.status / 100)}xx`;
      summary.statuses[bucket] = (summary.statuses[bucket] ?? 0) + 1;
      if (answer.status >= 500) summary.serverErrors.push(finding(answer.status, answer.text.slice(0, 200)));
      else if (answer.status === 200 && HIDDEN_SERVER_ERROR.test(answer.text)) summary.serverErrors.push(finding(200, `server error rendered in the page: ${HIDDEN_SERVER_ERROR.exec(answer.text)?.[0]}`));
      const refused = answer.status >= 400 || /\/sign-in(\?|$)/.test(answer.location ?? '');
      const txidAfter = await nextTransactionId(db);
      if (txidAfter !== txidBefore) {
        const sums = await tableChecksums(db);
        const changed = changedTables(baseline.sums, sums);
        if (refused && changed.length) summary.writesOnRefused.push(finding(answer.status, `changed: ${changed.join(', ')}`));
        baseline = { txid: txidAfter, sums };
      }
      if (summary.cases % 100 === 0) log(`[fuzz] ${summary.cases} cases, ${summary.serverErrors.length} server errors, ${summary.writesOnRefused.length} writes on refused input`);
      return true;
    });
    await fc.check(property, { numRuns: options.cases, seed: summary.seed, endOnFailure: true });
    summary.seconds = Math.round((Date.now() - started) / 1000);
    return summary;
  } finally {
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The summary as the bench and the test print it. */
export function formatFuzzSummary(summary: FuzzSummary): string {
  const lines = [
    `cases: ${summary.cases} (seed ${summary.seed}, ${summary.routes} routes × ${FUZZ_ROLES.length} roles, ${summary.seconds}s)`,
    `responses: ${Object.entries(summary.statuses)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `5xx: ${summary.serverErrors.length}`,
    `writes on refused input: ${summary.writesOnRefused.length}`,
    `no answer: ${summary.transportErrors.length}`,
  ];
  const show = (title: string, findings: FuzzFinding[]) => {
    if (!findings.length) return;
    lines.push(`${title} (first ${Math.min(findings.length, 20)}):`);
    for (const f of findings.slice(0, 20)) lines.push(`  ${f.role.padEnd(9)} ${f.method} ${f.target.slice(0, 160)} [${f.route}] → ${f.status ?? '-'} ${f.detail.replace(/\s+/g, ' ').slice(0, 200)}`);
  };
  show('server errors', summary.serverErrors);
  show('writes on refused input', summary.writesOnRefused);
  show('no answer', summary.transportErrors);
  return lines.join('\n');
}
