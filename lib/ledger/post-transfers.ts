import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { TransferKind } from './vocabulary';
import { WALLET_PREFIX } from './ledger-accounts';
import { jsonParam, queryRows, toBigint } from '@/lib/db/sql-rows';

export interface TransferLeg {
  ledgerAccountId: string;
  /** Change of that account's balance; the legs of a transfer sum to zero. */
  amountFen: bigint;
}

export interface NewTransfer {
  idempotencyKey: string;
  kind: TransferKind;
  /** The customer account whose wallet this moves; its only wallet leg must be `wallet:{accountId}`. */
  accountId: string | null;
  effectiveAt: Date;
  reference?: string | null;
  memo?: string | null;
  legs: TransferLeg[];
}

/**
 * Set-based input: two SELECTs over the caller's staged rows.
 * `transfers` yields (id bigint — pre-allocated with `nextval('ledger_transfers_id_seq')`,
 * idempotency_key, kind, customer_account_id, effective_at, reference, memo);
 * `legs` yields (transfer_id, ledger_account_id, amount_fen) with no zero amounts.
 */
export interface TransferSelects {
  transfers: SQL;
  legs: SQL;
  /** False for a handful of staged rows (`stageTransfers`): no planner settings for bulk joins. */
  bulk?: boolean;
}

export interface PostOptions {
  /** The instant the cached wallet balances are updated at. */
  at: Date;
  /**
   * A transfer whose idempotency key was posted before: `skip` it (default: retries are no-ops), or
   * `fail` the whole batch (bulk callers that record a line per transfer, where an existing key
   * means something is inconsistent; also skips the cost of speculative insertion).
   */
  ifPosted?: 'skip' | 'fail';
}

export interface PostResult {
  /** Transfers written now. */
  posted: number;
  /** Transfers whose idempotency key existed already (nothing written for them). */
  alreadyPosted: number;
  /** The customer accounts whose wallets this call moved (their balances changed now). */
  movedAccounts: string[];
  /** How many transfers of each kind were written now. */
  postedKinds: Partial<Record<TransferKind, number>>;
}

export class LedgerIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerIntegrityError';
  }
}

interface StatsRow extends Record<string, unknown> {
  offered: unknown;
  posted: unknown;
  postings: unknown;
  legs: unknown;
  bad_groups: unknown;
  wallets_expected: unknown;
  wallets_updated: unknown;
  moved: unknown;
  kinds: unknown;
}

/**
 * THE function that writes money: appends transfers and their postings, skips (or, with
 * `ifPosted: 'fail'`, refuses) any whose idempotency key was posted before, and updates the cached
 * wallet balances and each wallet posting's balance-after in the same statement. Refuses (throws, so
 * the caller's transaction rolls back) when a transfer's postings do not sum to zero, a transfer has
 * no postings, a posting has no transfer in the batch, or a leg moves another account's wallet or an
 * unknown ledger account. Double entry only: what a posting means for the account (penalty arrears,
 * suspension, low-balance alerts) is lib/billing's `postAndApply`, which every caller goes through.
 */
export async function postLedgerTransfers(db: Db, input: { transfers: NewTransfer[] } | TransferSelects, options: PostOptions): Promise<PostResult> {
  const selects = 'legs' in input ? input : await stageTransfers(db, input.transfers);
  if (!selects) return { posted: 0, alreadyPosted: 0, movedAccounts: [], postedKinds: {} };
  const bulk = 'legs' in input && input.bulk !== false;

  return db.transaction(async (tx) => {
    // Wallets are created with their first posting.
    await tx.execute(sql`
      with need as (
        select distinct s.customer_account_id as account_id
        from (${selects.transfers}) s
        where s.customer_account_id is not null
          and not exists (select 1 from wallets w where w.account_id = s.customer_account_id)
      ), created as (
        insert into ledger_accounts (id, kind, customer_account_id)
        select ${WALLET_PREFIX} || account_id, 'wallet', account_id from need
        on conflict do nothing
      )
      insert into wallets (account_id, ledger_account_id)
      select account_id, ${WALLET_PREFIX} || account_id from need
      on conflict do nothing`);

    if (bulk) {
      // Bulk postings join and group up to millions of rows from materialised CTEs whose row counts
      // the planner cannot know: hash/merge joins only, memory for them, and no JIT (compiling costs
      // more than running these statements).
      await tx.execute(
        sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('enable_nestloop', 'off', true)`,
      );
    }
    const rows = await queryRows<StatsRow>(
      tx,
      sql`
      with src_t as materialized (${selects.transfers}),
      src_l as materialized (${selects.legs}),
      leg_sums as (
        select transfer_id, sum(amount_fen) as total from src_l group by transfer_id
      ),
      leg_check as (
        -- unbalanced transfers, legs of transfers not in the batch, transfers without legs
        (select transfer_id from leg_sums where total <> 0)
        union all
        (select s.transfer_id from leg_sums s where not exists (select 1 from src_t t where t.id = s.transfer_id))
        union all
        (select t.id from src_t t where not exists (select 1 from leg_sums s where s.transfer_id = t.id))
        union all
        -- a wallet leg must be the transfer's own account's wallet; other legs known operator accounts
        (select l.transfer_id from src_l l join src_t t on t.id = l.transfer_id
          where l.ledger_account_id like ${WALLET_PREFIX + '%'} and l.ledger_account_id is distinct from ${WALLET_PREFIX} || t.customer_account_id)
        union all
        (select l.transfer_id from src_l l
          where l.ledger_account_id not like ${WALLET_PREFIX + '%'}
            and not exists (select 1 from ledger_accounts o where o.id = l.ledger_account_id and o.kind <> 'wallet'))
      ),
      t as (
        insert into ledger_transfers (id, idempotency_key, kind, customer_account_id, effective_at, reference, memo)
        select id, idempotency_key, kind, customer_account_id, effective_at, reference, memo from src_t
        ${options.ifPosted === 'fail' ? sql`` : sql`on conflict (idempotency_key) do nothing`}
        returning id, kind
      ),
      new_legs as (
        ${
          options.ifPosted === 'fail'
            ? // Every transfer of the batch is inserted (or the statement fails): no need to look.
              sql`select l.transfer_id, l.ledger_account_id, l.amount_fen from src_l l`
            : sql`select l.transfer_id, l.ledger_account_id, l.amount_fen from src_l l join t on t.id = l.transfer_id`
        }
      ),
      d as (
        select n.ledger_account_id, sum(n.amount_fen)::bigint as delta
        from new_legs n
        where n.ledger_account_id like ${WALLET_PREFIX + '%'}
        group by n.ledger_account_id
      ),
      w as (
        update wallets
        set balance_fen = wallets.balance_fen + d.delta,
            updated_at = ${options.at}
        from d
        where wallets.ledger_account_id = d.ledger_account_id
        returning wallets.ledger_account_id, wallets.account_id, wallets.balance_fen
      ),
      p as (
        -- A wallet posting records the balance right after it: the wallet's new balance (from the
        -- update, so concurrent postings chain correctly) minus this batch's later postings to it.
        insert into ledger_postings (transfer_id, ledger_account_id, amount_fen, balance_after_fen)
        select n.transfer_id, n.ledger_account_id, n.amount_fen,
               w.balance_fen - coalesce(sum(n.amount_fen) over (partition by n.ledger_account_id order by n.transfer_id desc
                                                               rows between unbounded preceding and 1 preceding), 0)
        from new_legs n join w on w.ledger_account_id = n.ledger_account_id
        union all
        select n.transfer_id, n.ledger_account_id, n.amount_fen, null
        from new_legs n where n.ledger_account_id not like ${WALLET_PREFIX + '%'}
        returning 1
      )
      select (select count(*) from src_t)::text as offered,
             (select count(*) from t)::text as posted,
             (select count(*) from p)::text as postings,
             (select count(*) from new_legs)::text as legs,
             (select count(*) from leg_check)::text as bad_groups,
             (select count(*) from d)::text as wallets_expected,
             (select count(*) from w)::text as wallets_updated,
             (select coalesce(json_agg(account_id), '[]'::json) from w)::text as moved,
             (select coalesce(json_object_agg(kind, n), '{}'::json) from (select kind, count(*) as n from t group by kind) k)::text as kinds`,
    );

    if (bulk) await tx.execute(sql`select set_config('enable_nestloop', 'on', true)`);
    const stats = rows[0];
    const offered = Number(stats.offered);
    if (Number(stats.bad_groups) > 0) {
      throw new LedgerIntegrityError(
        `Refused to post: ${stats.bad_groups} problem(s) — a transfer unbalanced or without postings, a posting without its transfer, ` +
          `or moving another account's wallet or an unknown ledger account`,
      );
    }
    if (stats.wallets_expected !== stats.wallets_updated || stats.postings !== stats.legs) {
      throw new LedgerIntegrityError(
        `Refused to post: ${stats.wallets_expected} wallet(s) moved but ${stats.wallets_updated} found; ${stats.legs} posting(s) but ${stats.postings} written`,
      );
    }
    const posted = Number(stats.posted);
    return {
      posted,
      alreadyPosted: offered - posted,
      movedAccounts: JSON.parse(String(stats.moved)) as string[],
      postedKinds: JSON.parse(String(stats.kinds)) as Partial<Record<TransferKind, number>>,
    };
  });
}

/**
 * Turns explicit transfers into the set-based form (ids pre-allocated from the transfer sequence, so
 * after posting, `exists (select 1 from ledger_transfers where id = s.id)` tells which were new).
 */
export async function stageTransfers(db: Db, transfers: NewTransfer[]): Promise<TransferSelects | null> {
  if (transfers.length === 0) return null;
  const seen = new Set<string>();
  for (const t of transfers) {
    if (seen.has(t.idempotencyKey)) throw new LedgerIntegrityError(`Idempotency key ${t.idempotencyKey} appears twice in one batch`);
    seen.add(t.idempotencyKey);
  }
  const ids = await queryRows<{ id: unknown }>(
    db,
    sql`select nextval('ledger_transfers_id_seq')::text as id from generate_series(1, ${transfers.length})`,
  );
  const transferRows: Record<string, unknown>[] = [];
  const legRows: Record<string, unknown>[] = [];
  transfers.forEach((t, i) => {
    const id = toBigint(ids[i].id);
    transferRows.push({
      id,
      idempotency_key: t.idempotencyKey,
      kind: t.kind,
      customer_account_id: t.accountId,
      effective_at: t.effectiveAt.toISOString(),
      reference: t.reference ?? null,
      memo: t.memo ?? null,
    });
    for (const leg of t.legs) {
      if (leg.amountFen !== 0n) legRows.push({ transfer_id: id, ledger_account_id: leg.ledgerAccountId, amount_fen: leg.amountFen });
    }
  });
  return {
    transfers: sql`select * from json_to_recordset(${jsonParam(transferRows)}) as x(id bigint, idempotency_key text, kind text, customer_account_id text, effective_at timestamptz, reference text, memo text)`,
    legs: sql`select * from json_to_recordset(${jsonParam(legRows)}) as x(transfer_id bigint, ledger_account_id text, amount_fen bigint)`,
    bulk: false,
  };
}

/** The id of the transfer posted under an idempotency key. */
export async function transferIdOf(db: Db, idempotencyKey: string): Promise<bigint> {
  const [row] = await queryRows<{ id: unknown }>(db, sql`select id::text as id from ledger_transfers where idempotency_key = ${idempotencyKey}`);
  return toBigint(row.id);
}

/** Posts one transfer (or finds it already posted); returns its id either way. */
export async function postLedgerTransfer(db: Db, transfer: NewTransfer, options: Partial<PostOptions> = {}): Promise<{ posted: boolean; transferId: bigint }> {
  const result = await postLedgerTransfers(db, { transfers: [transfer] }, { at: options.at ?? transfer.effectiveAt });
  return { posted: result.posted === 1, transferId: await transferIdOf(db, transfer.idempotencyKey) };
}
