import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/ledger/sql-rows';
import { verifyLedger } from '@/lib/ledger/verify-ledger';
import { closeSessionsOf, createDrillDatabase, type DrillDatabase } from './database';
import { ensureDrillBuild, postInternal, startInstance, type Instance } from './instances';
import { seedSettlementPopulation, settledDay } from './population';

export interface CrashDrillOptions {
  accounts: number;
  runs: number;
  log?: (line: string) => void;
}

export interface CrashDrillResult {
  accounts: number;
  runs: number;
  converged: number;
  /** Kills that came before the run had posted everything (the others hit its later steps or jobs). */
  midPosting: number;
  /** How far into the run each kill came (ms after the run was asked for), and what it found. */
  kills: { atMs: number; postedBeforeKill: number; equal: boolean; ledgerOk: boolean }[];
  referenceMs: number;
  referenceTransfers: number;
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

async function billingThrough(instance: Instance, now: Date): Promise<void> {
  const response = await postInternal(instance, 'billing', { now: now.toISOString() }, AbortSignal.timeout(1_800_000));
  const text = await response.text();
  if (response.status !== 200) throw new Error(`billing on ${instance.name}: ${response.status} ${text.slice(0, 300)}`);
}

/**
 * Drill 2: a template database (the demo data, `accounts` accounts with a day of usage); one
 * uninterrupted billing run on a copy is the reference. Then `runs` times: a fresh copy, a real
 * instance asked to run billing, `kill -9` at a random moment of that run, a restart on the same
 * data folder, billing again: the end state must equal the reference's.
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
    {
      const db = await copy();
      const instance = await startInstance({ name: 'ref', databaseUrl: db.url });
      try {
        const t0 = Date.now();
        await billingThrough(instance, now);
        referenceMs = Date.now() - t0;
        reference = await endState(db.db);
        const ledger = await verifyLedger(db.db);
        if (!ledger.ok) losses.push('the reference run left a ledger that does not verify');
        log(`drill 2: reference run ${referenceMs} ms, ${reference.transfers} transfers of ${options.accounts} accounts`);
      } finally {
        await instance.stop();
        await db.drop();
      }
    }

    for (let run = 1; run <= options.runs; run++) {
      const db: DrillDatabase = await copy();
      let instance = await startInstance({ name: `crash${run}`, databaseUrl: db.url });
      try {
        const atMs = Math.floor(Math.random() * referenceMs * 1.1);
        const asked = billingThrough(instance, now).catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, atMs));
        await instance.kill9();
        await asked;
        const [before] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from ledger_transfers where customer_account_id like ${`${PREFIX}%`}`);
        instance = await startInstance({ name: `crash${run}-restart`, databaseUrl: db.url, dataDir: instance.dataDir });
        await billingThrough(instance, now);
        const state = await endState(db.db);
        const ledger = await verifyLedger(db.db);
        const equal = state.wallets === reference.wallets && state.postings === reference.postings && state.lines === reference.lines;
        kills.push({ atMs, postedBeforeKill: before.n, equal, ledgerOk: ledger.ok });
        log(`drill 2: run ${run}/${options.runs}: killed at ${atMs} ms (${before.n} of ${reference.transfers} transfers posted), after restart ${equal ? 'equal' : 'DIFFERENT'}, ledger ${ledger.ok ? 'ok' : 'BROKEN'}`);
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
      midPosting: kills.filter((k) => k.postedBeforeKill < reference.transfers).length,
      kills,
      referenceMs,
      referenceTransfers: reference.transfers,
      seconds: Math.round((Date.now() - started) / 1000),
      losses,
    };
  } finally {
    await template.drop();
  }
}
