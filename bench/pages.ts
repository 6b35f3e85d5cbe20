/**
 * The overview and the charge history on PostgreSQL with one account of 1,000,000 ledger rows among
 * 10,000 accounts (the others ~91 rows each). Generated through the ledger's set-based posting path
 * (so balances, running balances and charge lines are consistent; `verifyBooks` checks), then the
 * portal is started against it and loaded with autocannon, 20 s per target, signed in with a minted
 * session cookie: `/`, `/charges`, the history JSON's first page and a page deep in the past. Prints
 * p50/p95/p99 and req/s beside the time of the same rows fetched by SQL alone, then the JavaScript a
 * browser downloads for `/` against the portal's barest page. Figures only, no assertions.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench -- pages
 *   Options: BIG_ROWS (1000000) ACCOUNTS (10000) SECONDS (20) CONNECTIONS (4) PORT (3891) NEXT_DIST_DIR (.next-overview)
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { addDays, serviceDayOf } from '@/lib/billing/service-day';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import { encodeHistoryCursor } from '@/lib/charges/history-cursor';
import { emptyHistoryFilter, historyFilterFrom } from '@/lib/charges/history-filter';
import { listWalletMovements } from '@/lib/charges/wallet-history';
import { drizzleFor, type Db, type RawConnection } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { OPERATOR, WALLET_PREFIX } from '@/lib/ledger/ledger-accounts';
import { postAndApply } from '@/lib/billing/post-and-apply';
import { sqlNetFen, sqlTaxFen } from '@/lib/billing/rating';
import { verifyBooks } from '@/lib/billing/verify-books';
import { loadSpendHistory } from '@/lib/overview/spend';
import { benchDatabaseBase, loadPage, percentile, startPortal, stopChild } from './lib/common';

const BIG_ROWS = Number(process.env.BIG_ROWS ?? 1_000_000);
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 10_000);
const SECONDS = Number(process.env.SECONDS ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 4);
const PORT = Number(process.env.PORT ?? 3891);
const DIST = process.env.NEXT_DIST_DIR ?? '.next-overview';
const TZ = 'Asia/Shanghai';
/** The big account: per posting day 99 charge lines (3 services × 33 lines) and one top-up. */
const ROWS_PER_DAY = 100;
const SMALL_DAYS = 30;
const BIG = 'P0000001';

const base = benchDatabaseBase();

const ms = (value: number) => `${value.toFixed(1)} ms`;
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  console.log(`${label.padEnd(52)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}
async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

const name = `portal_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
const raw: RawConnection = { kind: 'postgres', pool };
const db = drizzleFor(raw);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
let server: ChildProcess | null = null;

/** Charge lines and top-ups staged in `table`, posted through the ledger's set-based path in one transaction per batch. */
async function postStaged(table: string, where: string): Promise<void> {
  const t = sql.raw(table);
  const w = sql.raw(where);
  await db.transaction(async (tx: Db) => {
    await postAndApply(
      tx,
      {
        transfers: sql`select id, idempotency_key, kind, account_id as customer_account_id, effective_at, null::text as reference, null::text as memo from ${t} where ${w}`,
        // A charge moves net + tax out of the wallet; a top-up moves its amount (net_fen) in from cash.
        legs: sql`select id as transfer_id, ${WALLET_PREFIX} || account_id as ledger_account_id,
                         case when kind = 'top_up' then net_fen else -(net_fen + tax_fen) end as amount_fen from ${t} where ${w}
                  union all select id, ${OPERATOR.revenue}, net_fen from ${t} where ${w} and kind = 'charge' and net_fen <> 0
                  union all select id, ${OPERATOR.vatPayable}, tax_fen from ${t} where ${w} and kind = 'charge' and tax_fen <> 0
                  union all select id, ${OPERATOR.cash}, -net_fen from ${t} where ${w} and kind = 'top_up'`,
      },
      { at: new Date(), deferWalletStatus: true },
    );
    await tx.execute(sql`
      insert into charge_lines (account_id, service_id, service_day, kind, seq, quantity, unit, unit_price, net_fen, tax_kind, tax_category,
                                tax_rate, tax_fen, gross_fen, transfer_id, idempotency_key, posted_at)
      select account_id, service_id, service_day, case when seq = 0 then 'usage' else 'late_usage' end, seq, quantity, unit, unit_price, net_fen,
             'vat', tax_category, tax_rate, tax_fen, net_fen + tax_fen, id, idempotency_key, effective_at
      from ${t} where ${w} and kind = 'charge'`);
  });
}

/** Rows of `table`: (id, account_id, kind, service…, net_fen, tax_fen, effective_at, idempotency_key), ids in time order. */
function stageSql(table: string, source: string): SQL {
  return sql`create unlogged table ${sql.raw(table)} as
    with src as (${sql.raw(source)}),
    priced as (
      select s.*, svc.service_id, svc.unit, svc.unit_price, svc.tax_category, svc.tax_rate,
             ${sqlNetFen(sql`s.quantity`, sql`svc.unit_price`)} as net
      from src s
      left join (values (0, 'compute', 'vCPU-hour', 0.12::numeric, 'it_services', 0.06::numeric),
                        (1, 'storage', 'GB-day', 0.004::numeric, 'it_services', 0.06::numeric),
                        (2, 'traffic', 'GB', 0.80::numeric, 'basic_telecom', 0.09::numeric))
        as svc(n, service_id, unit, unit_price, tax_category, tax_rate) on s.kind = 'charge' and svc.n = s.service_n
    )
    select nextval('ledger_transfers_id_seq') as id, account_id, kind, service_id, service_day, seq, quantity, unit, unit_price, tax_category, tax_rate,
           case when kind = 'charge' then net else topup_fen end as net_fen,
           case when kind = 'charge' then ${sqlTaxFen(sql`net`, sql`tax_rate`)} else 0 end as tax_fen,
           effective_at, batch,
           case when kind = 'charge' then 'bench:charge:' || account_id || ':' || service_id || ':' || service_day || ':' || seq
                else 'bench:top-up:' || account_id || ':' || effective_at end as idempotency_key
    from priced order by ord`;
}

try {
  const bigDays = Math.ceil(BIG_ROWS / ROWS_PER_DAY);
  const today = serviceDayOf(new Date(), TZ);
  const firstBigDay = addDays(today, -bigDays);
  console.log(
    `pages bench: ${ACCOUNTS.toLocaleString('en')} accounts; ${BIG} has ${(bigDays * ROWS_PER_DAY).toLocaleString('en')} ledger rows ` +
      `(${bigDays.toLocaleString('en')} posting days from ${firstBigDay}: 99 charge lines and 1 top-up a day), the others ${SMALL_DAYS * 3 + 1} each`,
  );
  await timed('setup: migrate + catalogue + accounts', async () => {
    await migrateDatabase(raw);
    await seedDemoCatalogue(db);
    await db.execute(sql`insert into customer_accounts (id, name, residence, declared_at)
                         select 'P' || lpad(i::text, 7, '0'), 'Bench ' || i, 'CN', now() from generate_series(1, ${ACCOUNTS}) i`);
  });

  await timed(`generate + post ${BIG}'s ${(bigDays * ROWS_PER_DAY).toLocaleString('en')} rows`, async () => {
    // Posting day p: charge lines of service day p−1 at p 00:30, then a ¥1,000 top-up at p 12:00.
    await db.execute(
        stageSql(
          'bench_big',
          `select '${BIG}'::text as account_id, case when k = 99 then 'top_up' else 'charge' end as kind,
                  k % 3 as service_n, k / 3 as seq, (date '${firstBigDay}' + p - 1) as service_day,
                  (1 + ((p * 31 + k * 17) % 1000) / 100.0)::numeric as quantity, 100000::bigint as topup_fen,
                  ((date '${firstBigDay}' + p)::timestamp at time zone '${TZ}') + case when k = 99 then interval '12 hours' else interval '30 minutes' end as effective_at,
                  p / 1000 as batch, p * 100 + k as ord
           from generate_series(1, ${bigDays}) p cross join generate_series(0, ${ROWS_PER_DAY - 1}) k`,
        ),
    );
    const batches = Math.floor(bigDays / 1000);
    for (let b = 0; b <= batches; b++) await postStaged('bench_big', `batch = ${b}`);
    await db.execute(sql`drop table bench_big`);
  });

  await timed(`generate + post ${(ACCOUNTS - 1).toLocaleString('en')} other accounts`, async () => {
    const firstSmallDay = addDays(today, -SMALL_DAYS);
    await db.execute(
        stageSql(
          'bench_small',
          `select 'P' || lpad(a::text, 7, '0') as account_id, case when k = 3 then 'top_up' else 'charge' end as kind,
                  k as service_n, 0 as seq, (date '${firstSmallDay}' + p - 1) as service_day,
                  (1 + ((a * 7 + p * 31 + k * 17) % 1000) / 100.0)::numeric as quantity, 1000000::bigint as topup_fen,
                  ((date '${firstSmallDay}' + p)::timestamp at time zone '${TZ}') + case when k = 3 then interval '12 hours' else interval '30 minutes' end as effective_at,
                  a / 2000 as batch, (p * 10 + k)::bigint * 100000 + a as ord
           from generate_series(2, ${ACCOUNTS}) a cross join generate_series(1, ${SMALL_DAYS}) p cross join generate_series(0, 3) k
           where k < 3 or p = 1`,
        ),
    );
    for (let b = 0; b <= Math.floor(ACCOUNTS / 2000); b++) await postStaged('bench_small', `batch = ${b}`);
    await db.execute(sql`drop table bench_small`);
    await db.execute(sql`analyze`);
  });
  const [balances] = (
    await db.execute(sql`select (select balance_fen::text from wallets where account_id = ${BIG}) as big,
                                (select count(*)::text from wallets where balance_fen < 0) as negative`)
  ).rows as { big: string; negative: string }[];
  console.log(`  ${BIG}'s balance ¥${(Number(balances.big) / 100).toLocaleString('en')}; wallets below zero: ${balances.negative}`);
  const verification = await timed('verifyBooks (balances, running balances, references)', () => verifyBooks(db));
  console.log(`  ${verification.ok ? 'ok' : 'NOT OK'}: ${verification.transfers.toLocaleString('en')} transfers, ${verification.postings.toLocaleString('en')} postings`);
  if (!verification.ok) console.log(JSON.stringify(verification, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).slice(0, 2000));

  // A signed-in user of the big account: a session row and the next-auth cookie that carries its id.
  const authSecret = randomBytes(32).toString('base64url');
  const sessionId = randomUUID();
  await db.execute(sql`insert into users (id, email, name, account_id) values (${randomUUID()}, 'bench@demo.test', 'Bench', ${BIG})`);
  await db.execute(sql`insert into auth_sessions (id, user_id, provider, expires_at)
                       select ${sessionId}, id, 'demo', now() + interval '1 day' from users where email = 'bench@demo.test'`);
  const token = await encode({ token: { sid: sessionId, sub: 'bench' }, secret: authSecret, maxAge: 86_400 });
  const cookie = `next-auth.session-token=${token}`;

  // The deep page: the cursor of the row 90 % down the history (OFFSET only here, to find it).
  const [deep] = (
    await db.execute(sql`select to_char(effective_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id::text as id
                         from ledger_transfers where customer_account_id = ${BIG}
                         order by effective_at desc, id desc offset ${Math.floor(bigDays * ROWS_PER_DAY * 0.9)} limit 1`)
  ).rows as { at: string; id: string }[];
  const deepCursor = { effectiveAt: deep.at, transferId: BigInt(deep.id) };

  console.log('\nSQL alone (median of 200, through the query functions the pages use):');
  const now = new Date();
  const sqlFirst = await medianOf(200, () => listWalletMovements(db, { accountId: BIG, filter: emptyHistoryFilter, after: null, limit: 50, timeZone: TZ }));
  const sqlDeep = await medianOf(200, () => listWalletMovements(db, { accountId: BIG, filter: emptyHistoryFilter, after: deepCursor, limit: 50, timeZone: TZ }));
  const sqlOverview = await medianOf(200, async () => {
    await getWalletSnapshot(db, BIG);
    await loadSpendHistory(db, { accountId: BIG, now, timeZone: TZ });
    await listWalletMovements(db, { accountId: BIG, filter: emptyHistoryFilter, after: null, limit: 5, timeZone: TZ });
  });
  const plain = (after: string) =>
    pool.query(
      `select t.id, t.kind, t.effective_at, p.amount_fen, p.balance_after_fen, l.service_id, l.service_day, l.quantity, l.unit_price, l.net_fen, l.tax_fen, l.gross_fen
       from ledger_transfers t join ledger_postings p on p.transfer_id = t.id and p.ledger_account_id = $1
       left join charge_lines l on l.transfer_id = t.id
       where t.customer_account_id = $2 ${after} order by t.effective_at desc, t.id desc limit 51`,
      [`${WALLET_PREFIX}${BIG}`, BIG],
    );
  const plainFirst = await medianOf(200, () => plain(''));
  const plainDeep = await medianOf(200, () => plain(`and t.effective_at <= '${deep.at}' and (t.effective_at < '${deep.at}' or t.id < ${deep.id})`));
  console.log(`  history first page: ${ms(sqlFirst)} (hand-written minimal SELECT: ${ms(plainFirst)})`);
  console.log(`  history deep page (90 % down): ${ms(sqlDeep)} (hand-written minimal SELECT: ${ms(plainDeep)})`);
  console.log(`  overview's queries (wallet, 90-day spend, latest 5): ${ms(sqlOverview)}`);
  for (const [label, filter] of [
    ['service=storage (1 row in 3)', historyFilterFrom({ service: 'storage' })],
    ['type=top_up (1 row in 100)', historyFilterFrom({ type: 'top_up' })],
    ['type=penalty (none in 1,000,000)', historyFilterFrom({ type: 'penalty' })],
    ['a one-day range 5 years back', historyFilterFrom({ from: addDays(today, -1826), to: addDays(today, -1826) })],
  ] as const) {
    const runs = label.includes('none') ? 3 : 50;
    const filtered = await medianOf(runs, () => listWalletMovements(db, { accountId: BIG, filter, after: null, limit: 50, timeZone: TZ }));
    console.log(`  history first page, ${label}: ${ms(filtered)}`);
  }

  const appUrl = `http://localhost:${PORT}`;
  server = await timed('start the portal (builds when sources changed)', () =>
    startPortal({ DATABASE_URL: url.toString(), PORT: String(PORT), DATA_DIR: dataDir, NEXT_DIST_DIR: DIST, AUTH_SECRET: authSecret, APP_URL: appUrl }),
  );

  // `/notices` (empty for this user) is the shell alone: session check, navigation, banners, messages.
  const targets: [string, string, number | null, number][] = [
    ['/ (overview)', '/', sqlOverview, CONNECTIONS],
    ['/charges (first page rendered)', '/charges', sqlFirst, CONNECTIONS],
    ['/notices (shell only, reference)', '/notices', null, CONNECTIONS],
    ['/api/charges (first page)', '/api/charges', sqlFirst, CONNECTIONS],
    ['/api/charges (deep page)', `/api/charges?cursor=${encodeHistoryCursor(deepCursor)}`, sqlDeep, CONNECTIONS],
    ['/ (overview)', '/', sqlOverview, 1],
    ['/charges (first page rendered)', '/charges', sqlFirst, 1],
    ['/notices (shell only, reference)', '/notices', null, 1],
  ];
  let heading = 0;
  for (const [label, target, sqlMs, connections] of targets) {
    if (connections !== heading) {
      heading = connections;
      console.log(`\nHTTP, ${connections} connection(s) × ${SECONDS} s each (latency p50 / p95 / p99, requests per second):`);
    }
    const result = await loadPage(`${appUrl}${target}`, cookie, { connections, seconds: SECONDS });
    console.log(
      `  ${label.padEnd(34)} p50 ${ms(result.p50)}  p95 ${ms(result.p95)}  p99 ${ms(result.p99)}  ${result.rps.toFixed(0)} req/s` +
        `  (${result.count} requests, ${result.errors} not 200${sqlMs === null ? '' : `; p95 / SQL ${(result.p95 / sqlMs).toFixed(1)}×`})`,
    );
  }

  console.log('\nJavaScript the browser downloads (sum of script responses; as sent, and gzip -6 of the bodies):');
  for (const [label, target, withCookie] of [
    ['/ (overview, signed in; chart chunk included)', '/', true],
    ['/sign-in (the barest page of the portal)', '/sign-in', false],
  ] as const) {
    const size = await scriptBytes(`${appUrl}${target}`, withCookie ? token : null);
    console.log(`  ${label.padEnd(48)} ${size.files} files, ${(size.sent / 1024).toFixed(1)} KiB sent, ${(size.gzip / 1024).toFixed(1)} KiB gzip, ${(size.raw / 1024).toFixed(1)} KiB raw`);
  }
} finally {
  // npx → tsx → node: the whole process group, or the portal outlives the bench.
  await stopChild(server);
  await pool.end();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}

async function scriptBytes(target: string, token: string | null): Promise<{ files: number; sent: number; gzip: number; raw: number }> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH].find((p) => p && existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext();
    if (token) await context.addCookies([{ name: 'next-auth.session-token', value: token, url: target }]);
    const page = await context.newPage();
    const scripts: Promise<{ sent: number; gzip: number; raw: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        (async () => {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return { sent: sizes.responseBodySize, gzip: gzipSync(body, { level: 6 }).length, raw: body.length };
        })(),
      );
    });
    await page.goto(target, { waitUntil: 'networkidle' });
    const all = await Promise.all(scripts);
    return { files: all.length, sent: all.reduce((s, x) => s + x.sent, 0), gzip: all.reduce((s, x) => s + x.gzip, 0), raw: all.reduce((s, x) => s + x.raw, 0) };
  } finally {
    await browser.close();
  }
}
