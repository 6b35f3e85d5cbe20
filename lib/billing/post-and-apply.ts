import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { WALLET_PREFIX } from '@/lib/ledger/ledger-accounts';
import {
  postLedgerTransfers,
  stageTransfers,
  transferIdOf,
  type NewTransfer,
  type PostOptions,
  type PostResult,
  type TransferSelects,
} from '@/lib/ledger/post-transfers';
import { queryRows } from '@/lib/db/sql-rows';
import { applyWalletAttention, type WalletTransitions } from './wallet-status';

export interface PostAndApplyOptions extends PostOptions {
  /**
   * Leave suspension/reinstatement and low-balance checks to the caller (a billing run posts
   * charges and credits of one instant, then applies them once with `applyWalletAttention`).
   */
  deferWalletStatus?: boolean;
}

export interface PostAndApplyResult extends PostResult {
  /** Accounts whose wallet status or low-balance state needs a look (applied unless deferred). */
  attention: string[];
  transitions: WalletTransitions;
}

const noTransitions = (): WalletTransitions => ({ suspended: [], reinstated: [] });

/**
 * Every posting to the ledger goes through here: the ledger's double entry
 * (`postLedgerTransfers`), then, in the same transaction, what the posting means for the accounts
 * whose wallets it moved (billing's rules, RULES §6, §7, §9):
 * - penalty arrears: a newly posted `penalty` adds its amount; every wallet's penalty arrears are
 *   capped at its remaining debt, so a credit pays service arrears first and penalties last;
 * - suspension at a balance below zero, reinstatement at ≥ 0, and the low-balance alert
 *   (`applyWalletAttention`), unless deferred to the end of a billing run.
 */
export async function postAndApply(db: Db, input: { transfers: NewTransfer[] } | TransferSelects, options: PostAndApplyOptions): Promise<PostAndApplyResult> {
  const explicit = 'legs' in input ? null : input.transfers;
  const selects = explicit ? await stageTransfers(db, explicit) : (input as TransferSelects);
  if (!selects) return { posted: 0, alreadyPosted: 0, movedAccounts: [], postedKinds: {}, attention: [], transitions: noTransitions() };
  return db.transaction(async (tx) => {
    const result = await postLedgerTransfers(tx, selects, { at: options.at, ifPosted: options.ifPosted });
    if (result.posted === 0) return { ...result, attention: [], transitions: noTransitions() };
    // Transfer ids are pre-allocated, so with `ifPosted: 'fail'` (or nothing skipped) every staged
    // transfer was written by this call.
    const allPosted = options.ifPosted === 'fail' || result.alreadyPosted === 0;
    if (explicit === null && (result.postedKinds.penalty ?? 0) > 0) {
      throw new Error('A bulk posting carries penalties: post them as explicit transfers (their amounts add to the penalty arrears)');
    }
    // The ledger reports whose wallets it moved: the rules below look at those accounts only, and a
    // bulk posting's (large) staged rows are never evaluated again.
    const moved = sql`select value as account_id from json_array_elements_text(${JSON.stringify(result.movedAccounts)}::json)`;
    // Penalties are posted one at a time as explicit transfers (penalties.ts): their amounts are read
    // from the staged legs of the ones written now (ids are pre-allocated: those in ledger_transfers
    // are this call's, unless an earlier call posted the same key).
    const penalty =
      (result.postedKinds.penalty ?? 0) > 0
        ? sql`select s.customer_account_id as account_id, sum(-l.amount_fen)::bigint as amount
              from (${selects.transfers}) s
              join (${selects.legs}) l on l.transfer_id = s.id and l.ledger_account_id = ${WALLET_PREFIX} || s.customer_account_id
              where s.kind = 'penalty'
                ${allPosted ? sql`` : sql`and exists (select 1 from ledger_transfers t where t.id = s.id and t.idempotency_key = s.idempotency_key)`}
              group by s.customer_account_id`
        : sql`select null::text as account_id, 0::bigint as amount where false`;
    const rows = await queryRows<{ account_id: string }>(
      tx,
      sql`
      with moved as materialized (${moved}),
      penalty as (${penalty}),
      arrears as (
        update wallets w
        set penalty_arrears_fen = least(w.penalty_arrears_fen + coalesce(pen.amount, 0), greatest(0, -w.balance_fen))
        from moved m left join penalty pen on pen.account_id = m.account_id
        where w.account_id = m.account_id
          and w.penalty_arrears_fen <> least(w.penalty_arrears_fen + coalesce(pen.amount, 0), greatest(0, -w.balance_fen))
        returning w.account_id
      )
      select w.account_id
      from wallets w
      join moved m on m.account_id = w.account_id
      join customer_accounts c on c.id = w.account_id
      left join low_balance_states lb on lb.account_id = w.account_id
      where (w.balance_fen < 0) = (w.suspended_at is null)
         or (c.low_balance_threshold_fen is not null and (w.balance_fen < c.low_balance_threshold_fen or coalesce(lb.below, false)))`,
    );
    const attention = rows.map((r) => r.account_id);
    const transitions = options.deferWalletStatus ? noTransitions() : await applyWalletAttention(tx, attention, options.at);
    return { ...result, attention, transitions };
  });
}

/** Posts one transfer through `postAndApply` (or finds it already posted); returns its id either way. */
export async function postAndApplyOne(
  db: Db,
  transfer: NewTransfer,
  options: Partial<PostAndApplyOptions> = {},
): Promise<{ posted: boolean; transferId: bigint; transitions: WalletTransitions; attention: string[] }> {
  const result = await postAndApply(db, { transfers: [transfer] }, { ...options, at: options.at ?? transfer.effectiveAt });
  return { posted: result.posted === 1, transferId: await transferIdOf(db, transfer.idempotencyKey), transitions: result.transitions, attention: result.attention };
}
