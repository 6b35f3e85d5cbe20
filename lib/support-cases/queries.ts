import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { AdjustmentStatus, SupportCaseAuthorKind, SupportCaseStatus, SupportCaseSubject, TransferKind } from '@/lib/db/schema';
import { walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { adjustableFen } from './adjustments';
import { findAttachedCharge, isCaseId } from './cases';
import type { ChargeRef } from './rules';

/*
 * What the pages show of questions about charges. The customer's reads take the account id from the
 * viewer and see only that account's cases; support and finance read across accounts.
 */

/** The charge a case is about, as the customer's ledger shows it. */
export interface ChargeSummary {
  subject: SupportCaseSubject;
  transferId: bigint | null;
  /** The transfer's kind (`charge`, `penalty` …); null for a whole day. */
  kind: TransferKind | null;
  serviceDay: string | null;
  serviceId: string | null;
  /** Change of the balance (negative for a charge); for a day, minus the day's charges. */
  amountFen: bigint;
  postedAt: Date | null;
  disputedFen: bigint;
}

export interface CaseListItem {
  id: string;
  number: bigint;
  accountId: string;
  accountName: string;
  status: SupportCaseStatus;
  subject: SupportCaseSubject;
  transferId: bigint | null;
  serviceDay: string | null;
  createdAt: Date;
  updatedAt: Date;
  messages: number;
  /** Who wrote last: a case whose last word is the customer's waits for support. */
  lastAuthorKind: SupportCaseAuthorKind;
  pendingAdjustments: number;
}

export interface CaseMessage {
  id: bigint;
  authorKind: SupportCaseAuthorKind;
  authorName: string;
  body: string;
  createdAt: Date;
}

export interface CaseAdjustment {
  id: string;
  amountFen: bigint;
  reason: string;
  status: AdjustmentStatus;
  requestedByName: string;
  requestedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  transferId: bigint | null;
}

export interface CaseDetail extends CaseListItem {
  closedAt: Date | null;
  closedByName: string | null;
  charge: ChargeSummary;
  thread: CaseMessage[];
  adjustments: CaseAdjustment[];
  /** What may still be asked for on the charge (fen). */
  adjustableFen: bigint;
}

interface ListRow extends Record<string, unknown> {
  id: string;
  number: unknown;
  account_id: string;
  account_name: string;
  status: SupportCaseStatus;
  subject: SupportCaseSubject;
  transfer_id: unknown;
  service_day: string | null;
  created_ms: unknown;
  updated_ms: unknown;
  messages: unknown;
  last_author: SupportCaseAuthorKind;
  pending: unknown;
}

const listColumns = sql`c.id, c.number::text as number, c.account_id, a.name as account_name, c.status, c.subject, c.transfer_id::text as transfer_id,
  c.service_day::text as service_day, ${epochMs(sql`c.created_at`)} as created_ms, ${epochMs(sql`c.updated_at`)} as updated_ms,
  (select count(*) from support_case_messages m where m.case_id = c.id)::text as messages,
  (select m.author_kind from support_case_messages m where m.case_id = c.id order by m.id desc limit 1) as last_author,
  (select count(*) from support_case_adjustments x where x.case_id = c.id and x.status = 'pending')::text as pending`;

function listItem(r: ListRow): CaseListItem {
  return {
    id: r.id,
    number: toBigint(r.number),
    accountId: r.account_id,
    accountName: r.account_name,
    status: r.status,
    subject: r.subject,
    transferId: r.transfer_id === null ? null : toBigint(r.transfer_id),
    serviceDay: r.service_day,
    createdAt: fromEpochMs(r.created_ms) as Date,
    updatedAt: fromEpochMs(r.updated_ms) as Date,
    messages: Number(r.messages),
    lastAuthorKind: r.last_author,
    pendingAdjustments: Number(r.pending),
  };
}

/** The customer's own cases, open ones first, newest activity first. */
export async function listCasesOfAccount(db: Db, accountId: string, limit = 200): Promise<CaseListItem[]> {
  const rows = await queryRows<ListRow>(
    db,
    sql`select ${listColumns} from support_cases c join customer_accounts a on a.id = c.account_id
        where c.account_id = ${accountId}
        order by (c.status = 'open') desc, c.updated_at desc, c.number desc limit ${limit}`,
  );
  return rows.map(listItem);
}

/** Support's queue: open cases, oldest first (the longest waiting at the top). */
export async function listOpenCases(db: Db, limit = 200): Promise<CaseListItem[]> {
  const rows = await queryRows<ListRow>(
    db,
    sql`select ${listColumns} from support_cases c join customer_accounts a on a.id = c.account_id
        where c.status = 'open'
        order by c.created_at, c.number limit ${limit}`,
  );
  return rows.map(listItem);
}

async function chargeOf(db: Db, c: { accountId: string; subject: SupportCaseSubject; transferId: bigint | null; serviceDay: string | null; disputedFen: bigint }): Promise<ChargeSummary> {
  if (c.subject === 'transfer' && c.transferId !== null) {
    const [row] = await queryRows<{ kind: TransferKind; amount: unknown; posted_ms: unknown; service_id: string | null }>(
      db,
      sql`select t.kind, p.amount_fen::text as amount, ${epochMs(sql`t.effective_at`)} as posted_ms, l.service_id
          from ledger_transfers t
          join ledger_postings p on p.transfer_id = t.id and p.ledger_account_id = ${walletLedgerAccountId(c.accountId)}
          left join charge_lines l on l.transfer_id = t.id
          where t.id = ${c.transferId.toString()}::bigint`,
    );
    return {
      subject: 'transfer',
      transferId: c.transferId,
      kind: row?.kind ?? null,
      serviceDay: c.serviceDay,
      serviceId: row?.service_id ?? null,
      amountFen: row ? toBigint(row.amount) : 0n,
      postedAt: row ? fromEpochMs(row.posted_ms) : null,
      disputedFen: c.disputedFen,
    };
  }
  return { subject: 'day', transferId: null, kind: null, serviceDay: c.serviceDay, serviceId: null, amountFen: -c.disputedFen, postedAt: null, disputedFen: c.disputedFen };
}

async function caseDetail(db: Db, caseId: string, accountId: string | null): Promise<CaseDetail | null> {
  if (!isCaseId(caseId)) return null;
  const rows = await queryRows<ListRow & { closed_ms: unknown; closed_by: string | null; disputed: unknown }>(
    db,
    sql`select ${listColumns}, ${epochMs(sql`c.closed_at`)} as closed_ms, u.name as closed_by, c.disputed_fen::text as disputed
        from support_cases c join customer_accounts a on a.id = c.account_id left join users u on u.id = c.closed_by_user_id
        where c.id = ${caseId}::uuid ${accountId === null ? sql`` : sql`and c.account_id = ${accountId}`}`,
  );
  const row = rows[0];
  if (!row) return null;
  const item = listItem(row);
  const disputedFen = toBigint(row.disputed);
  const [charge, thread, adjustments, left] = await Promise.all([
    chargeOf(db, { ...item, disputedFen }),
    queryRows<{ id: unknown; author_kind: SupportCaseAuthorKind; author_name: string; body: string; at_ms: unknown }>(
      db,
      sql`select id::text as id, author_kind, author_name, body, ${epochMs(sql`created_at`)} as at_ms
          from support_case_messages where case_id = ${caseId}::uuid order by id`,
    ),
    queryRows<{
      id: string;
      amount: unknown;
      reason: string;
      status: AdjustmentStatus;
      requested_by_name: string;
      requested_ms: unknown;
      decided_by_name: string | null;
      decided_ms: unknown;
      rejection_reason: string | null;
      transfer_id: unknown;
    }>(
      db,
      sql`select id, amount_fen::text as amount, reason, status, requested_by_name, ${epochMs(sql`requested_at`)} as requested_ms,
                 decided_by_name, ${epochMs(sql`decided_at`)} as decided_ms, rejection_reason, transfer_id::text as transfer_id
          from support_case_adjustments where case_id = ${caseId}::uuid order by requested_at, id`,
    ),
    adjustableFen(db, caseId),
  ]);
  return {
    ...item,
    closedAt: fromEpochMs(row.closed_ms),
    closedByName: row.closed_by,
    charge,
    thread: thread.map((m) => ({ id: toBigint(m.id), authorKind: m.author_kind, authorName: m.author_name, body: m.body, createdAt: fromEpochMs(m.at_ms) as Date })),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      amountFen: toBigint(a.amount),
      reason: a.reason,
      status: a.status,
      requestedByName: a.requested_by_name,
      requestedAt: fromEpochMs(a.requested_ms) as Date,
      decidedByName: a.decided_by_name,
      decidedAt: fromEpochMs(a.decided_ms),
      rejectionReason: a.rejection_reason,
      transferId: a.transfer_id === null ? null : toBigint(a.transfer_id),
    })),
    adjustableFen: item.status === 'open' ? left : 0n,
  };
}

/** One of the customer's own cases with its thread; another account's case (or no such case) is null. */
export function getCaseOfAccount(db: Db, accountId: string, caseId: string): Promise<CaseDetail | null> {
  return caseDetail(db, caseId, accountId);
}

/** Any case, for support. */
export function getCaseForStaff(db: Db, caseId: string): Promise<CaseDetail | null> {
  return caseDetail(db, caseId, null);
}

/** The charge the ask page shows before the question is sent; null when it is not the account's. */
export async function describeChargeToAsk(db: Db, accountId: string, ref: ChargeRef): Promise<ChargeSummary | null> {
  const attached = await findAttachedCharge(db, accountId, ref);
  if (!attached) return null;
  return chargeOf(db, { accountId, ...attached });
}

export interface PendingAdjustment {
  id: string;
  caseId: string;
  caseNumber: bigint;
  accountId: string;
  accountName: string;
  amountFen: bigint;
  disputedFen: bigint;
  reason: string;
  requestedByName: string;
  requestedAt: Date;
}

/** Finance's queue: adjustments waiting for a second person, oldest first. */
export async function listPendingAdjustments(db: Db, limit = 200): Promise<PendingAdjustment[]> {
  const rows = await queryRows<{
    id: string;
    case_id: string;
    number: unknown;
    account_id: string;
    account_name: string;
    amount: unknown;
    disputed: unknown;
    reason: string;
    requested_by_name: string;
    requested_ms: unknown;
  }>(
    db,
    sql`select x.id, x.case_id, c.number::text as number, x.account_id, a.name as account_name, x.amount_fen::text as amount,
               c.disputed_fen::text as disputed, x.reason, x.requested_by_name, ${epochMs(sql`x.requested_at`)} as requested_ms
        from support_case_adjustments x join support_cases c on c.id = x.case_id join customer_accounts a on a.id = x.account_id
        where x.status = 'pending'
        order by x.requested_at, x.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: toBigint(r.number),
    accountId: r.account_id,
    accountName: r.account_name,
    amountFen: toBigint(r.amount),
    disputedFen: toBigint(r.disputed),
    reason: r.reason,
    requestedByName: r.requested_by_name,
    requestedAt: fromEpochMs(r.requested_ms) as Date,
  }));
}
