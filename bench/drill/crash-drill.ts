import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { closeSessionsOf, createDrillDatabase, type DrillDatabase } from './database';
import { ensureDrillBuild, postInternal, startInstance, type Instance } from './instances';
import { seedSettlementPopulation, settledDay } from './population';

export interface CrashDrillOptions {
  accounts: number;
  runs: number;
  log?: (line: string) => void;
}

export interface CrashDrillKill {
  /** When the kill came, ms after the run was asked for. */
  atMs: number;
  /** When this run's posting was seen to start (ms after the run was asked for); null: never seen. */
  postingStartMs: number | null;
  /** Transfer ids drawn for the run's postings when the process was dead (uncommitted ones included). */
  drawnBeforeKill: number;
  /** The drill accounts' transfers committed when the process was dead. */
  postedBeforeKill: number;
  /** The kill came while the posting was under way: started, and not all of it committed. */
  midPosting: boolean;
  equal: boolean;
  ledgerOk: boolean;
}

export interface CrashDrillResult {
  accounts: number;
  runs: number;
  converged: number;
  /** Kills that landed inside the posting phase (started, not all committed). */
  midPosting: number;
  kills: CrashDrillKill[];
  referenceMs: number;
  referenceTransfers: number;
  /** The reference run's posting phase: from its start (5 % of the ids drawn) until all of it was committed, ms after the run was asked for. */
  referencePosting: { startMs: number; endMs: number };
  seconds: number;
  losses: string[];
}

const PREFIX = 'CRS';

/** What must come out equal: the drill accounts' balances and status, their postings, their charge lines. */
async function endState(db: Db): Promise<{ wallets: string; postings: string; lines: string; transfers: number }> {
  const [row] = await queryRows<{ wallets: string | null; postings: string | null; lines: string | null; transfers: number }>(
    db,
    sql`select
      (select md5(string_agg(account_id || ':' || balance_fen || ':' || penalty_arrears_fen || ':' || coalesce(suspended_at::text, '-'), ',' order by account_id))
         from wallets where account_id like ${`${PREFIX}%`}) as wallets,
      (select md5(string_agg(t.idempotency_key || ':' || t.kind || ':' || p.ledger_account_id || ':' || p.amount_fen || ':' || t.effective_at, ','
                  order by t.idempotency_key, p.ledger_account_id, p.amount_fen))
         from ledger_transfers t join ledger_postings p on p.transfer_id = t.id where t.customer_account_id like ${`${PREFIX}%`}) as postings,
      (select md5(string_agg(account_id || ':' || service_id || ':' || service_day || ':' || kind || ':' || net_fen || ':' || tax_fen || ':' || gross_fen, ','
                  order by account_id, service_id, service_day, kind))
         from charge_lines where account_id like ${`${PREFIX}%`}) as lines,
      (select count(*)::int from ledger_transfers where customer_account_id like ${`${PREFIX}%`}) as transfers`,
  );
  return { wallets: row.wallets ?? '', postings: row.postings ?? '', lines: row.lines ?? '', transfers: row.transfers };
}

/**
 * Where a run's posting stands, seen from another connection: the transfer ids drawn since
 * `baseline` (a sequence is not transactional, so this counts postings still in their transaction)
 * and the drill accounts' transfers committed. Settlement posts all the lines of a day in one
 * transaction, so the committed count jumps from nothing to everything at its commit: the ids drawn
 * are what shows the posting under way.
 */
async function postingProgress(db: Db, baseline: bigint): Promise<{ drawn: number; posted: number }> {
  const [row] = await queryRows<{ last: string; posted: number }>(
    db,
    sql`select (select last_value from ledger_transfers_id_seq)::text as last,
               (select count(*)::int from ledger_transfers where customer_account_id like ${`${PREFIX}%`}) as posted`,
  );
  return { drawn: Number(BigInt(row.last) - baseline), posted: row.posted };
}

async function transferSequence(db: Db): Promise<bigint> {
  const [row] = await queryRows<{ last: string }>(db, sql`select last_value::text as last from ledger_transfers_id_seq`);
  return BigInt(row.last);
}

const POLL_MS = 20;
/** Kills come within this share of the reference's posting time after the posting is seen. */
const KILL_SHARE = 0.5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function billingThrough(instance: Instance, now: Date): Promise<void> {
  const response = await postInternal(instance, 'billing', { now: now.toISOString() }, AbortSignal.timeout(1_800_000));
  const text = await response.text();
  if (response.status !== 200) throw new Error(`billing on ${instance.name}: ${response.status} ${text.slice(0, 300)}`);
}

/**
 * Drill 2: a template database (the demo data, `accounts` accounts with a day of usage); one
 * uninterrupted billing run on a copy is the reference, watched to time its posting phase. Then
 * `runs` times: a fresh copy, a real instance asked to run billing, `kill -9` at a random moment of
 * that run's posting phase (once its posting is seen under way, after a random share of the
 * reference's posting time, up to half), a restart on the same data folder, billing again: the end
 * state must equal the reference's. Each kill is counted mid-posting only when it really was.
 */
export async function runCrashDrill(options: CrashDrillOptions): Promise<CrashDrillResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  await ensureDrillBuild();
  const template = await createDrillDatabase('portal_drill2_tpl', { poolSize: 4 });
  const losses: string[] = [];
  const kills: CrashDrillResult['kills'] = [];
  try {
    const now = new Date();
    const day = settledDay(now);
    // An instance migrates and seeds the template once (reference and demo data), then the drill's accounts.
    const seeder = await startInstance({ name: 'template', databaseUrl: template.url });
    await seeder.stop();
    await seedSettlementPopulation(template.db, { prefix: PREFIX, count: options.accounts, day });
    await template.release();
    await closeSessionsOf(template.name);

    const copy = () => createDrillDatabase('portal_drill2', { template: template.name, poolSize: 2 });
    // The reference: one run, not interrupted.
    let reference: Awaited<ReturnType<typeof endState>>;
    let referenceMs: number;
    let referencePosting: CrashDrillResult['referencePosting'];
    /** The transfers the run itself posts (the drill accounts' funding was posted at seeding). */
    let runTransfers = 0;
    /** The posting counts as started once 5 % of its transfer ids are drawn (a few other postings of the run draw ids too). */
    const startThreshold = () => Math.max(1, Math.ceil(runTransfers * 0.05));
    {
      const db = await copy();
      const instance = await startInstance({ name: 'ref', databaseUrl: db.url });
      try {
        const baseline = await transferSequence(db.db);
        const { posted: seeded } = await postingProgress(db.db, baseline);
        const samples: { atMs: number; drawn: number; posted: number }[] = [];
        const t0 = Date.now();
        let done = false;
        const run = billingThrough(instance, now).finally(() => {
          done = true;
        });
        while (!done) {
          samples.push({ atMs: Date.now() - t0, ...(await postingProgress(db.db, baseline)) });
          await sleep(POLL_MS);
        }
        await run;
        referenceMs = Date.now() - t0;
        reference = await endState(db.db);
        const ledger = await verifyBooks(db.db);
        if (!ledger.ok) losses.push('the reference run left a ledger that does not verify');
        runTransfers = reference.transfers - seeded;
        const startMs = samples.find((x) => x.drawn >= startThreshold())?.atMs ?? 0;
        const endMs = samples.find((x) => x.posted >= reference.transfers)?.atMs ?? referenceMs;
        referencePosting = { startMs, endMs: Math.max(endMs, startMs + POLL_MS) };
        log(
          `drill 2: reference run ${referenceMs} ms, ${reference.transfers} transfers of ${options.accounts} accounts (${runTransfers} posted by the run); ` +
            `posting from ${referencePosting.startMs} to ${referencePosting.endMs} ms (${samples.length} samples)`,
        );
      } finally {
        await instance.stop();
        await db.drop();
      }
    }

    for (let run = 1; run <= options.runs; run++) {
      const db: DrillDatabase = await copy();
      let instance = await startInstance({ name: `crash${run}`, databaseUrl: db.url });
      try {
        // Watch this run's posting; once it is under way, kill after a random share of the
        // reference's posting time: up to half of it (the quick drill saw runs commit sooner than
        // the reference's window; a loaded host varies), and at once if its commit shows first.
        const baseline = await transferSequence(db.db);
        const t0 = Date.now();
        let done = false;
        const asked = billingThrough(instance, now)
          .catch(() => {})
          .finally(() => {
            done = true;
          });
        let postingStartMs: number | null = null;
        while (!done && postingStartMs === null) {
          if ((await postingProgress(db.db, baseline)).drawn >= startThreshold()) postingStartMs = Date.now() - t0;
          else await sleep(POLL_MS);
        }
        const window = referencePosting.endMs - referencePosting.startMs;
        const killAt = Date.now() + Math.floor(Math.random() * KILL_SHARE * window);
        while (postingStartMs !== null && Date.now() < killAt) {
          if ((await postingProgress(db.db, baseline)).posted >= reference.transfers) break;
          await sleep(Math.min(POLL_MS, Math.max(0, killAt - Date.now())));
        }
        // The kill first, then the look (a query in between would let the run go on).
        const atMs = Date.now() - t0;
        await instance.kill9();
        await asked;
        const { drawn: drawnBeforeKill, posted: postedBeforeKill } = await postingProgress(db.db, baseline);
        const midPosting = postingStartMs !== null && postedBeforeKill < reference.transfers;
        instance = await startInstance({ name: `crash${run}-restart`, databaseUrl: db.url, dataDir: instance.dataDir });
        await billingThrough(instance, now);
        const state = await endState(db.db);
        const ledger = await verifyBooks(db.db);
        const equal = state.wallets === reference.wallets && state.postings === reference.postings && state.lines === reference.lines;
        kills.push({ atMs, postingStartMs, drawnBeforeKill, postedBeforeKill, midPosting, equal, ledgerOk: ledger.ok });
        log(
          `drill 2: run ${run}/${options.runs}: posting seen at ${postingStartMs ?? '—'} ms, killed at ${atMs} ms ` +
            `(${drawnBeforeKill} transfer ids drawn, ${postedBeforeKill} of ${reference.transfers} committed: ${midPosting ? 'mid-posting' : 'NOT mid-posting'}), ` +
            `after restart ${equal ? 'equal' : 'DIFFERENT'}, ledger ${ledger.ok ? 'ok' : 'BROKEN'}`,
        );
        if (!equal) losses.push(`run ${run}: end state differs from the uninterrupted run's (${state.transfers} vs ${reference.transfers} transfers)`);
        if (!ledger.ok) losses.push(`run ${run}: the ledger does not verify`);
      } finally {
        await instance.stop();
        await db.drop();
      }
    }
    return {
      accounts: options.accounts,
      runs: options.runs,
      converged: kills.filter((k) => k.equal && k.ledgerOk).length,
      midPosting: kills.filter((k) => k.midPosting).length,
      kills,
      referenceMs,
      referenceTransfers: reference.transfers,
      referencePosting,
      seconds: Math.round((Date.now() - started) / 1000),
      losses,
    };
  } finally {
    await template.drop();
  }
}
