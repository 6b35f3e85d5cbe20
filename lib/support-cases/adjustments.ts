import { sql } from 'drizzle-orm';
import { creditWallet } from '@/lib/billing/credit-wallet';
import type { Db } from '@/lib/db/client';
import { supportCaseAdjustments } from '@/lib/db/schema';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { createNotice } from '@/lib/notices/create-notice';
import { lockCase, type Author } from './cases';
import { adjustmentRequestSchema, parseOrThrow, rejectionSchema, SupportCaseError } from './rules';

/*
 * Adjustments on a question about a charge (docs/RULES.md "Adjustments"): support asks for a credit
 * on an open case; it moves no money until a second person with the finance role approves it. The
 * approver must be a different user than the requester (checked here and by the database), and
 * neither may be a user of the customer's own account. On approval one ledger transfer of kind
 * `adjustment` keyed `adjustment:{id}` credits the wallet through creditWallet → postAndApply,
 * so approving twice never posts twice. The total asked for on one charge (over all its cases,
 * pending and approved) never exceeds what the charge took from the wallet.
 */

/** How much more may still be asked for on the case's charge: disputed − (pending + approved) over every case on it. */
export async function adjustableFen(db: Db, caseId: string): Promise<bigint> {
  const [row] = await queryRows<{ left: unknown }>(
    db,
    sql`select (c.disputed_fen - coalesce((
              select sum(a.amount_fen) from support_case_adjustments a
              join support_cases o on o.id = a.case_id
              where o.account_id = c.account_id and o.attachment_key = c.attachment_key and a.status in ('pending', 'approved')
            ), 0))::text as left
        from support_cases c where c.id = ${caseId}::uuid`,
  );
  const left = row ? toBigint(row.left) : 0n;
  return left > 0n ? left : 0n;
}

async function isUserOfAccount(db: Db, userId: string, accountId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from users where id = ${userId}::uuid and account_id = ${accountId}`);
  return rows.length > 0;
}

/** Serialises adjustments of one account (the ceiling is a sum over its cases). */
async function lockAccount(tx: Db, accountId: string): Promise<void> {
  await tx.execute(sql`select id from customer_accounts where id = ${accountId} for update`);
}

export class AdjustmentAboveDisputedError extends SupportCaseError {
  constructor(readonly maxFen: bigint) {
    super('amount_above_disputed', 'amount', { max: maxFen });
  }
}

/**
 * Support asks for a credit on an open case: amount in yuan as typed (→ fen through lib/money), and a
 * reason. Recorded as pending with the requester's name; nothing moves yet.
 */
export async function requestAdjustment(db: Db, input: { caseId: string; amount: unknown; reason: unknown; requester: Author; now: Date }): Promise<{ adjustmentId: string; amountFen: bigint }> {
  const parsed = parseOrThrow(adjustmentRequestSchema, { amount: input.amount, reason: input.reason });
  return db.transaction(async (tx) => {
    const c = await lockCase(tx, input.caseId, null);
    await lockAccount(tx, c.accountId);
    if (c.status !== 'open') throw new SupportCaseError('case_closed');
    if (await isUserOfAccount(tx, input.requester.userId, c.accountId)) throw new SupportCaseError('own_account');
    const left = await adjustableFen(tx, c.id);
    if (left === 0n) throw new SupportCaseError('nothing_to_adjust', 'amount');
    if (parsed.amount > left) throw new AdjustmentAboveDisputedError(left);
    const [created] = await tx
      .insert(supportCaseAdjustments)
      .values({
        caseId: c.id,
        accountId: c.accountId,
        amountFen: parsed.amount,
        reason: parsed.reason,
        status: 'pending',
        requestedByUserId: input.requester.userId,
        requestedByName: input.requester.name,
        requestedAt: input.now,
      })
      .returning({ id: supportCaseAdjustments.id });
    return { adjustmentId: created.id, amountFen: parsed.amount };
  });
}

interface LockedAdjustment {
  id: string;
  caseId: string;
  caseNumber: bigint;
  accountId: string;
  amountFen: bigint;
  status: 'pending' | 'approved' | 'rejected';
  requestedByUserId: string;
  requestedByName: string;
}

async function lockAdjustment(tx: Db, adjustmentId: string): Promise<LockedAdjustment> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(adjustmentId)) throw new SupportCaseError('adjustment_not_found');
  const [row] = await queryRows<{
    id: string;
    case_id: string;
    number: unknown;
    account_id: string;
    amount: unknown;
    status: LockedAdjustment['status'];
    requested_by_user_id: string;
    requested_by_name: string;
  }>(
    tx,
    sql`select a.id, a.case_id, c.number::text as number, a.account_id, a.amount_fen::text as amount, a.status, a.requested_by_user_id, a.requested_by_name
        from support_case_adjustments a join support_cases c on c.id = a.case_id
        where a.id = ${adjustmentId}::uuid for update of a`,
  );
  if (!row) throw new SupportCaseError('adjustment_not_found');
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: toBigint(row.number),
    accountId: row.account_id,
    amountFen: toBigint(row.amount),
    status: row.status,
    requestedByUserId: row.requested_by_user_id,
    requestedByName: row.requested_by_name,
  };
}

async function checkDecider(tx: Db, adjustment: LockedAdjustment, decider: Author): Promise<void> {
  if (adjustment.status !== 'pending') throw new SupportCaseError('already_decided');
  if (decider.userId === adjustment.requestedByUserId) throw new SupportCaseError('same_person');
  if (await isUserOfAccount(tx, decider.userId, adjustment.accountId)) throw new SupportCaseError('own_account');
}

/** The ledger key of an adjustment's credit: one per adjustment, so it can be posted only once. */
export function adjustmentIdempotencyKey(adjustmentId: string): string {
  return `adjustment:${adjustmentId}`;
}

/**
 * Finance approves a pending adjustment (a different user than the requester): the wallet is credited
 * once (penalties due are posted first, the credit pays arrears and may reinstate, as any credit), the
 * approver's name is recorded next to the requester's, and the customer is notified. One transaction.
 */
export async function approveAdjustment(
  db: Db,
  input: { adjustmentId: string; approver: Author; now: Date; timeZone?: string },
): Promise<{ transferId: bigint; amountFen: bigint; balanceFen: bigint }> {
  return db.transaction(async (tx) => {
    const adjustment = await lockAdjustment(tx, input.adjustmentId);
    await checkDecider(tx, adjustment, input.approver);
    const credit = await creditWallet(tx, {
      accountId: adjustment.accountId,
      amountFen: adjustment.amountFen,
      idempotencyKey: adjustmentIdempotencyKey(adjustment.id),
      source: 'adjustment',
      reference: `#${adjustment.caseNumber}`,
      memo: `requested by ${adjustment.requestedByName}; approved by ${input.approver.name}`,
      now: input.now,
      timeZone: input.timeZone,
    });
    await tx.execute(
      sql`update support_case_adjustments
          set status = 'approved', decided_by_user_id = ${input.approver.userId}::uuid, decided_by_name = ${input.approver.name},
              decided_at = ${input.now.toISOString()}::timestamptz, transfer_id = ${credit.transferId.toString()}::bigint
          where id = ${adjustment.id}::uuid and status = 'pending'`,
    );
    await tx.execute(sql`update support_cases set updated_at = ${input.now.toISOString()}::timestamptz where id = ${adjustment.caseId}::uuid`);
    await createNotice(tx, {
      accountId: adjustment.accountId,
      kind: 'adjustment_credited',
      params: { number: adjustment.caseNumber.toString(), amountFen: adjustment.amountFen.toString(), balanceFen: credit.balanceFen.toString() },
      dedupeKey: `adjustment_credited:${adjustment.id}`,
      now: input.now,
    });
    return { transferId: credit.transferId, amountFen: adjustment.amountFen, balanceFen: credit.balanceFen };
  });
}

/** Finance rejects a pending adjustment with a reason (a different user than the requester); no money moves. */
export async function rejectAdjustment(db: Db, input: { adjustmentId: string; reason: unknown; decider: Author; now: Date }): Promise<void> {
  const { reason } = parseOrThrow(rejectionSchema, { reason: input.reason });
  await db.transaction(async (tx) => {
    const adjustment = await lockAdjustment(tx, input.adjustmentId);
    await checkDecider(tx, adjustment, input.decider);
    await tx.execute(
      sql`update support_case_adjustments
          set status = 'rejected', decided_by_user_id = ${input.decider.userId}::uuid, decided_by_name = ${input.decider.name},
              decided_at = ${input.now.toISOString()}::timestamptz, rejection_reason = ${reason}
          where id = ${adjustment.id}::uuid and status = 'pending'`,
    );
  });
}
