/**
 * Settlement at scale on PostgreSQL: 100,000 accounts × 3 services × one day of usage, reported
 * hourly (EVENTS_PER_PAIR = 24 events per account and service; fewer events make the floor cheaper
 * while the ledger's work, per line, stays the same). Prints the time of the real settlement
 * (`runDueBilling`: rating, ledger transfers and postings, cached balances, charge lines, status
 * checks) and its ratio to the floor: one hand-written INSERT … SELECT doing the same aggregation
 * and rounding into a bare table. Uses BENCH_DATABASE_URL or TEST_DATABASE_URL (a local server):
 * creates its own database and drops it afterwards. Figures only, no assertions.
 *
 *   npm run bench -- settlement            ACCOUNTS=20000 EVENTS_PER_PAIR=8 npm run bench -- settlement
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { dayEnd, dayStart } from '@/lib/billing/service-day';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import { drizzleFor, type RawConnection } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { OPERATOR, WALLET_PREFIX } from '@/lib/ledger/ledger-accounts';
import { postAndApply } from '@/lib/billing/post-and-apply';
import { verifyBooks } from '@/lib/billing/verify-books';
import { benchDatabaseBase } from './lib/common';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 100_000);
const EVENTS_PER_PAIR = Number(process.env.EVENTS_PER_PAIR ?? 24);
const TZ = 'Asia/Shanghai';
const DAY = '2026-03-09';

const base = benchDatabaseBase();

const name = `portal_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
// PROFILE=1: statements slower than 100 ms go to the server log with their plans' durations.
if (process.env.PROFILE) {
  await admin.query(`alter database ${name} set log_min_duration_statement = 100`);
  await admin.query(`alter database ${name} set session_preload_libraries = 'auto_explain'`);
  await admin.query(`alter database ${name} set auto_explain.log_min_duration = 300`);
  await admin.query(`alter database ${name} set auto_explain.log_analyze = on`);
}
const url = new URL(base);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
pool.on('error', () => {}); // connections ended by the final DROP DATABASE … WITH (FORCE)
const raw: RawConnection = { kind: 'postgres', pool };
const db = drizzleFor(raw);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(44)} ${seconds(ms)}`);
  return { value, ms };
}

try {
  console.log(`settlement bench: ${ACCOUNTS.toLocaleString('en')} accounts × 3 services × ${EVENTS_PER_PAIR} events on ${DAY} (${(ACCOUNTS * 3 * EVENTS_PER_PAIR).toLocaleString('en')} usage rows)`);
  await timed('setup: migrate + catalogue', async () => {
    await migrateDatabase(raw);
    await seedDemoCatalogue(db);
  });
  await timed('setup: accounts', () =>
    db.execute(sql`insert into customer_accounts (id, name) select 'B' || lpad(i::text, 7, '0'), 'Bench ' || i from generate_series(1, ${ACCOUNTS}) i`),
  );
  await timed('setup: fund wallets (one bulk posting)', async () => {
    await db.execute(sql`create table bench_topups as
      select nextval('ledger_transfers_id_seq') as id, 'B' || lpad(i::text, 7, '0') as account_id from generate_series(1, ${ACCOUNTS}) i`);
    await postAndApply(
      db,
      {
        transfers: sql`select id, 'bench-topup:' || account_id as idempotency_key, 'top_up' as kind, account_id as customer_account_id,
                              ${new Date('2026-03-01T00:00:00Z')}::timestamptz as effective_at, null::text as reference, null::text as memo from bench_topups`,
        legs: sql`select id as transfer_id, ${WALLET_PREFIX} || account_id as ledger_account_id, 1000000::bigint as amount_fen from bench_topups
                  union all select id, ${OPERATOR.cash}, -1000000::bigint from bench_topups`,
      },
      { at: new Date('2026-03-01T00:00:00Z') },
    );
  });
  const start = dayStart(DAY, TZ);
  await timed('setup: usage events', () =>
    db.execute(sql`
      insert into usage_events (id, account_id, service_id, quantity, occurred_at, service_day, received_at)
      select 'e' || a || '-' || s.id || '-' || k, 'B' || lpad(a::text, 7, '0'), s.id,
             round((((a * 7919 + k * 104729 + s.n * 1299709) % 100000) / 1000.0)::numeric, 3),
             ${start}::timestamptz + make_interval(mins => (k * 1440 / ${EVENTS_PER_PAIR})::int), ${DAY}::date, ${start}
      from generate_series(1, ${ACCOUNTS}) a
      cross join (values ('compute', 1), ('storage', 2), ('traffic', 3)) as s(id, n)
      cross join generate_series(0, ${EVENTS_PER_PAIR - 1}) k`),
  );
  await timed('setup: vacuum analyze', () => db.execute(sql`vacuum analyze`));

  await db.execute(sql`create table floor_lines (account_id text, service_id text, service_day date, quantity numeric,
                                                 net_fen bigint, tax_fen bigint, gross_fen bigint)`);
  const floorSql = sql`
    insert into floor_lines
    select account_id, service_id, service_day, quantity, net_fen, tax_fen, net_fen + tax_fen
    from (select u.account_id, u.service_id, u.service_day, sum(u.quantity) as quantity,
                 round(sum(u.quantity) * r.unit_price * 100)::bigint as net_fen,
                 round(round(sum(u.quantity) * r.unit_price * 100) * r.tax_rate)::bigint as tax_fen
          from usage_events u
          join (values ('compute', 0.12, 0.06), ('storage', 0.004, 0.06), ('traffic', 0.80, 0.09)) as r(service_id, unit_price, tax_rate)
            on r.service_id = u.service_id
          where u.service_day = ${DAY}::date
          group by u.account_id, u.service_id, u.service_day, r.unit_price, r.tax_rate) x`;
  await timed('floor (warm-up run)', () => db.execute(floorSql));
  await db.execute(sql`truncate floor_lines`);
  const floor = await timed('floor: one INSERT … SELECT', () => db.execute(floorSql));

  const settlement = await timed('settlement: runDueBilling', () =>
    runDueBilling(db, { now: new Date(dayEnd(DAY, TZ).getTime() + 5 * 60_000), timeZone: TZ, jobs: [] }),
  );
  const summary = settlement.value;
  console.log(`  lines ${summary.usage.lines.toLocaleString('en')}, gross ¥${(Number(summary.usage.grossFen) / 100).toLocaleString('en')}, suspended ${summary.suspended.length}`);
  const [counts] = (
    await db.execute(sql`select (select count(*) from ledger_transfers)::text as transfers, (select count(*) from ledger_postings)::text as postings`)
  ).rows as { transfers: string; postings: string }[];
  console.log(`  ledger: ${counts.transfers} transfers, ${counts.postings} postings (incl. ${ACCOUNTS.toLocaleString('en')} funding top-ups)`);
  const [check] = (
    await db.execute(sql`select count(*)::text as n from floor_lines f
                         join charge_lines c on c.account_id = f.account_id and c.service_id = f.service_id and c.service_day = f.service_day
                         where c.net_fen = f.net_fen and c.tax_fen = f.tax_fen`)
  ).rows as { n: string }[];
  console.log(`  lines equal to the floor's: ${Number(check.n).toLocaleString('en')}`);
  const verification = await timed('verifyBooks (not part of settlement)', () => verifyBooks(db));
  console.log(`  ledger ok: ${verification.value.ok}`);
  console.log(`ratio settlement / floor: ${(settlement.ms / floor.ms).toFixed(2)}× (goal ≤ 3×)`);
} finally {
  await pool.end();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
