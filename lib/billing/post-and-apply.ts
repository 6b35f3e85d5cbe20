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
import { queryRows } from '@/lib/ledger/sql-rows';
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
  if (!selects) return { posted: 0, alreadyPosted: 0, attention: [], transitions: noTransitions() };
  return db.transaction(async (tx) => {
    const result = await postLedgerTransfers(tx, selects, { at: options.at, ifPosted: options.ifPosted });
    if (result.posted === 0) return { ...result, attention: [], transitions: noTransitions() };
    // Transfer ids are pre-allocated: the ones now in ledger_transfers were posted by this call
    // (with `ifPosted: 'fail'` every one was, or the posting threw).
    const allPosted = options.ifPosted === 'fail' || result.alreadyPosted === 0;
    // Penalties are posted one at a time as explicit transfers (penalties.ts): only then are their
    // legs read, so a bulk posting never evaluates its (large) legs again.
    const withPenalties = explicit !== null && explicit.some((t) => t.kind === 'penalty');
    const rows = await queryRows<{ account_id: string | null; penalties: string }>(
      tx,
      sql`
      with posted as materialized (
        select s.id, s.kind, s.customer_account_id from (${selects.transfers}) s
        where s.customer_account_id is not null
          ${allPosted ? sql`` : sql`and exists (select 1 from ledger_transfers t where t.id = s.id)`}
      ),
      moved as (select distinct customer_account_id as account_id from posted),
      penalty as (
        ${
          withPenalties
            ? sql`select p.customer_account_id as account_id, sum(-l.amount_fen)::bigint as amount
                  from posted p join (${selects.legs}) l on l.transfer_id = p.id and l.ledger_account_id = ${WALLET_PREFIX} || p.customer_account_id
                  where p.kind = 'penalty'
                  group by p.customer_account_id`
            : sql`select null::text as account_id, 0::bigint as amount where false`
        }
      ),
      arrears as (
        update wallets w
        set penalty_arrears_fen = least(w.penalty_arrears_fen + coalesce(pen.amount, 0), greatest(0, -w.balance_fen))
        from moved m left join penalty pen on pen.account_id = m.account_id
        where w.account_id = m.account_id
          and w.penalty_arrears_fen <> least(w.penalty_arrears_fen + coalesce(pen.amount, 0), greatest(0, -w.balance_fen))
        returning w.account_id
      ),
      attention as (
        select w.account_id
        from wallets w
        join moved m on m.account_id = w.account_id
        join customer_accounts c on c.id = w.account_id
        left join low_balance_states lb on lb.account_id = w.account_id
        where (w.balance_fen < 0) = (w.suspended_at is null)
           or (c.low_balance_threshold_fen is not null and (w.balance_fen < c.low_balance_threshold_fen or coalesce(lb.below, false)))
      )
      select a.account_id, (select count(*) from posted where kind = 'penalty')::text as penalties
      from (select 1) one left join attention a on true`,
    );
    if (explicit === null && rows[0] && rows[0].penalties !== '0') {
      throw new Error('A bulk posting carries penalties: post them as explicit transfers (their amounts add to the penalty arrears)');
    }
    const attention = rows.filter((r) => r.account_id !== null).map((r) => r.account_id as string);
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
