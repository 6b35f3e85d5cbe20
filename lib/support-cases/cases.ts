import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { supportCaseMessages, supportCases } from '@/lib/db/schema';
import { walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { createNotice } from '@/lib/notices/create-notice';
import { askQuestionSchema, messageBodySchema, parseOrThrow, SupportCaseError, type ChargeRef } from './rules';
import type { ActorRef } from '@/lib/audit/actor';

/*
 * Questions about a charge: the customer asks (the charge attached), support answers and closes, the
 * customer replies while the case is open. Every write of a case and its thread is here; each is one
 * transaction, and nothing is written unless the input passes the rules in ./rules.ts.
 */

/** Who writes, asks, answers or decides (lib/audit/actor.ts): threads and adjustments keep the user and their name. */
export type Author = Pick<ActorRef, 'userId' | 'name'>;

/** The charge a question is about, as the customer's own ledger shows it; null when it is not theirs. */
export interface AttachedCharge {
  subject: 'transfer' | 'day';
  transferId: bigint | null;
  serviceDay: string | null;
  attachmentKey: string;
  /** What it took from the wallet (fen, ≥ 0): the ceiling of adjustments on it. */
  disputedFen: bigint;
}

/**
 * Finds the charge among the account's own: a transfer that moved the account's wallet, or a service
 * day with charge lines. Another account's transfer or a day without charges is not found (and tells
 * nothing about other accounts).
 */
export async function findAttachedCharge(db: Db, accountId: string, ref: ChargeRef): Promise<AttachedCharge | null> {
  if (ref.kind === 'transfer') {
    const [row] = await queryRows<{ amount: unknown; day: string | null }>(
      db,
      sql`select p.amount_fen::text as amount, l.service_day::text as day
          from ledger_transfers t
          join ledger_postings p on p.transfer_id = t.id and p.ledger_account_id = ${walletLedgerAccountId(accountId)}
          left join charge_lines l on l.transfer_id = t.id
          where t.id = ${ref.transferId.toString()}::bigint and t.customer_account_id = ${accountId}`,
    );
    if (!row) return null;
    const amount = toBigint(row.amount);
    return {
      subject: 'transfer',
      transferId: ref.transferId,
      serviceDay: row.day,
      attachmentKey: `transfer:${ref.transferId}`,
      disputedFen: amount < 0n ? -amount : 0n,
    };
  }
  const [row] = await queryRows<{ lines: unknown; gross: unknown }>(
    db,
    sql`select count(*)::text as lines, coalesce(sum(gross_fen), 0)::text as gross
        from charge_lines where account_id = ${accountId} and service_day = ${ref.day}::date`,
  );
  if (toBigint(row.lines) === 0n) return null;
  const gross = toBigint(row.gross);
  return { subject: 'day', transferId: null, serviceDay: ref.day, attachmentKey: `day:${ref.day}`, disputedFen: gross > 0n ? gross : 0n };
}

/**
 * The customer asks a question about one of their charges: a new open case with the charge attached
 * and the question as its first message. Refused (nothing written) for an empty or too long text or
 * a charge that is not the account's.
 */
export async function askQuestion(db: Db, input: { accountId: string; author: Author; charge: unknown; body: unknown; now: Date }): Promise<{ caseId: string; number: bigint }> {
  const parsed = parseOrThrow(askQuestionSchema, { charge: input.charge, body: input.body });
  return db.transaction(async (tx) => {
    const charge = await findAttachedCharge(tx, input.accountId, parsed.charge);
    if (!charge) throw new SupportCaseError('charge_not_found', 'charge');
    const [created] = await tx
      .insert(supportCases)
      .values({
        accountId: input.accountId,
        openedByUserId: input.author.userId,
        subject: charge.subject,
        transferId: charge.transferId,
        serviceDay: charge.serviceDay,
        attachmentKey: charge.attachmentKey,
        disputedFen: charge.disputedFen,
        status: 'open',
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: supportCases.id, number: supportCases.number });
    await tx.insert(supportCaseMessages).values({
      caseId: created.id,
      authorKind: 'customer',
      authorUserId: input.author.userId,
      authorName: input.author.name,
      body: parsed.body,
      createdAt: input.now,
    });
    return { caseId: created.id, number: created.number };
  });
}

interface LockedCase {
  id: string;
  number: bigint;
  accountId: string;
  status: 'open' | 'closed';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case id as the URL or a form gives it: a UUID, else no case (never a database error). */
export function isCaseId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Locks a case for a change; `accountId` limits it to that account's cases (the customer's side). */
export async function lockCase(tx: Db, caseId: string, accountId: string | null): Promise<LockedCase> {
  if (!isCaseId(caseId)) throw new SupportCaseError('case_not_found');
  const [row] = await queryRows<{ id: string; number: unknown; account_id: string; status: 'open' | 'closed' }>(
    tx,
    sql`select id, number::text as number, account_id, status from support_cases
        where id = ${caseId}::uuid ${accountId === null ? sql`` : sql`and account_id = ${accountId}`} for update`,
  );
  if (!row) throw new SupportCaseError('case_not_found');
  return { id: row.id, number: toBigint(row.number), accountId: row.account_id, status: row.status };
}

async function addMessage(tx: Db, c: LockedCase, kind: 'customer' | 'staff', author: Author, body: string, now: Date): Promise<bigint> {
  const [message] = await tx
    .insert(supportCaseMessages)
    .values({ caseId: c.id, authorKind: kind, authorUserId: author.userId, authorName: author.name, body, createdAt: now })
    .returning({ id: supportCaseMessages.id });
  await tx.update(supportCases).set({ updatedAt: now }).where(eq(supportCases.id, c.id));
  return message.id;
}

/** The customer adds to the thread of their own open case. */
export async function replyAsCustomer(db: Db, input: { accountId: string; caseId: string; author: Author; body: unknown; now: Date }): Promise<void> {
  const body = parseOrThrow(messageBodySchema, input.body);
  await db.transaction(async (tx) => {
    const c = await lockCase(tx, input.caseId, input.accountId);
    if (c.status !== 'open') throw new SupportCaseError('case_closed');
    await addMessage(tx, c, 'customer', input.author, body, input.now);
  });
}

/**
 * Support answers an open case (as themselves, never as the customer): the answer joins the thread
 * and the customer gets a notice (notice centre, and email/SMS by their contacts) in the same transaction.
 */
export async function answerAsSupport(db: Db, input: { caseId: string; author: Author; body: unknown; now: Date }): Promise<void> {
  const body = parseOrThrow(messageBodySchema, input.body);
  await db.transaction(async (tx) => {
    const c = await lockCase(tx, input.caseId, null);
    if (c.status !== 'open') throw new SupportCaseError('case_closed');
    const messageId = await addMessage(tx, c, 'staff', input.author, body, input.now);
    await createNotice(tx, {
      accountId: c.accountId,
      kind: 'support_case_answered',
      params: { number: c.number.toString() },
      dedupeKey: `support_case_answered:${messageId}`,
      now: input.now,
    });
  });
}

/** Support closes a case: no more messages; its adjustments still go through finance. */
export async function closeCase(db: Db, input: { caseId: string; closedBy: Author; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await lockCase(tx, input.caseId, null);
    if (c.status !== 'open') throw new SupportCaseError('case_closed');
    await tx
      .update(supportCases)
      .set({ status: 'closed', closedAt: input.now, closedByUserId: input.closedBy.userId, updatedAt: input.now })
      .where(and(eq(supportCases.id, c.id), eq(supportCases.status, 'open')));
  });
}
