import { eq, sql } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import { postDuePenaltiesForAccount } from '@/lib/billing/penalties';
import type { Db } from '@/lib/db/client';
import { jsonFirstRow, readJson, type JsonRead } from '@/lib/db/read-together';
import { accountStandingChanges, accountStandings, customerAccounts, type AccountStandingState } from '@/lib/db/schema';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { fenToDecimalString } from '@/lib/money';
import { createNotice } from '@/lib/notices/create-notice';
import { activityActor, type ActorRef } from '@/lib/audit/actor';
import { DomainError, type ErrorParams } from '@/lib/errors';

/**
 * Closing an account and the operator's termination and suspension for cause (issue 15, the terms'
 * Statement 1 and termination clauses). A closed or terminated account keeps every record and can
 * still sign in read-only (history, invoices), but usage is refused (422 `account_closed`,
 * lib/billing/record-usage.ts) and so are top-ups, invoice requests and contact changes. The prepaid
 * balance can't be withdrawn or transferred (DESIGN "The prepaid account"), so closing moves no money.
 */

export const STANDING_REASON_MAX_LENGTH = 1000;

export interface AccountStanding {
  state: AccountStandingState;
  reason: string | null;
  since: Date;
}

export type AccountStandingErrorCode = 'confirmation_mismatch' | 'already_closed' | 'arrears' | 'not_found' | 'reason_required' | 'not_allowed';

/**
 * A change of standing refused: closing (message `account.close.errors.<code>`) or an admin's
 * action for cause (`account.admin.errors.<code>`). `state`: the standing that refused it.
 */
export class AccountStandingError extends DomainError<AccountStandingErrorCode> {
  readonly state?: AccountStandingState | null;

  constructor(by: 'close' | 'admin', code: AccountStandingErrorCode, options: { field?: string; params?: ErrorParams; state?: AccountStandingState | null } = {}) {
    super(code, code, { field: options.field, params: options.params, messageKey: `account.${by}.errors.${code}` });
    this.name = 'AccountStandingError';
    this.state = options.state;
  }
}

/** The account's standing (null: in good standing) as one read. */
export function accountStandingRead(accountId: string): JsonRead<AccountStanding | null> {
  return {
    json: jsonFirstRow(sql`select state, reason, ${epochMs(sql`since`)} as since from ${accountStandings} where account_id = ${accountId}`),
    decode: (value) => {
      if (value === null) return null;
      const row = value as { state: AccountStandingState; reason: string | null; since: string };
      return { state: row.state, reason: row.reason, since: new Date(Number(row.since)) };
    },
  };
}

export async function getAccountStanding(db: Db, accountId: string): Promise<AccountStanding | null> {
  return readJson(db, accountStandingRead(accountId));
}

/** Closed and terminated accounts are read-only: records and downloads, nothing that changes them. */
export function isReadOnlyStanding(standing: AccountStanding | null): boolean {
  return standing?.state === 'closed' || standing?.state === 'terminated';
}

export async function isAccountReadOnly(db: Db, accountId: string): Promise<boolean> {
  return isReadOnlyStanding(await getAccountStanding(db, accountId));
}

async function lockAccount(tx: Db, accountId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`select id from customer_accounts where id = ${accountId} for update`);
  return rows.length === 1;
}

async function setStanding(
  tx: Db,
  input: { accountId: string; state: AccountStandingState | null; change: (typeof accountStandingChanges.$inferInsert)['change']; reason: string | null; actor: ActorRef; now: Date },
): Promise<void> {
  if (input.state === null) {
    await tx.delete(accountStandings).where(eq(accountStandings.accountId, input.accountId));
  } else {
    await tx
      .insert(accountStandings)
      .values({ accountId: input.accountId, state: input.state, reason: input.reason, since: input.now, byUserId: input.actor.userId })
      .onConflictDoUpdate({
        target: accountStandings.accountId,
        set: { state: input.state, reason: input.reason, since: input.now, byUserId: input.actor.userId },
      });
  }
  await tx.insert(accountStandingChanges).values({ accountId: input.accountId, change: input.change, reason: input.reason, at: input.now, byUserId: input.actor.userId });
  await recordActivity(tx, {
    accountId: input.accountId,
    ...activityActor(input.actor),
    kind: `account_${input.change}`,
    details: input.reason ? { reason: input.reason } : {},
    at: input.now,
  });
}

/** What closing would settle first: the balance (kept, not refundable) and the arrears to pay. */
export interface ClosingSummary {
  accountId: string;
  balanceFen: bigint;
  /** Service charges and penalties owed (a negative balance); closing waits until they are paid. */
  arrearsFen: bigint;
  standing: AccountStanding | null;
}

export async function getClosingSummary(db: Db, accountId: string): Promise<ClosingSummary> {
  const [row] = await queryRows<{ balance: unknown }>(db, sql`select coalesce((select balance_fen from wallets where account_id = ${accountId}), 0)::text as balance`);
  const balanceFen = toBigint(row.balance);
  return { accountId, balanceFen, arrearsFen: balanceFen < 0n ? -balanceFen : 0n, standing: await getAccountStanding(db, accountId) };
}

/**
 * The customer closes their own account after typing its id. Penalties due by `now` are posted first,
 * so the arrears checked are the real ones; with arrears the account stays open and the refusal says
 * how much to pay (`amount`, fen). One transaction: standing, history, activity record and notice.
 * Refused (AccountStandingError): `confirmation_mismatch`, `not_found`, `already_closed`, `arrears`.
 */
export async function closeAccount(db: Db, input: { accountId: string; confirmation: string; actor: ActorRef; now: Date; timeZone?: string }): Promise<void> {
  if (input.confirmation.trim() !== input.accountId) throw new AccountStandingError('close', 'confirmation_mismatch', { field: 'confirmation', params: { accountId: input.accountId } });
  await db.transaction(async (tx) => {
    if (!(await lockAccount(tx, input.accountId))) throw new AccountStandingError('close', 'not_found');
    const standing = await getAccountStanding(tx, input.accountId);
    if (standing && isReadOnlyStanding(standing)) throw new AccountStandingError('close', 'already_closed', { state: standing.state });
    await postDuePenaltiesForAccount(tx, input.accountId, input.now, { timeZone: input.timeZone });
    const summary = await getClosingSummary(tx, input.accountId);
    if (summary.arrearsFen > 0n) throw new AccountStandingError('close', 'arrears', { params: { amount: summary.arrearsFen } });
    await setStanding(tx, { accountId: input.accountId, state: 'closed', change: 'closed', reason: null, actor: input.actor, now: input.now });
    await createNotice(tx, {
      accountId: input.accountId,
      kind: 'account_closed',
      params: { accountId: input.accountId, balance: fenToDecimalString(summary.balanceFen) },
      dedupeKey: `account_closed:${input.accountId}`,
      now: input.now,
    });
  });
}

export type StandingAction = 'terminate' | 'suspend' | 'lift_suspension';

/** Whether an admin may take an action for cause from a standing (null: good standing). */
function mayTakeStandingAction(state: AccountStandingState | null, action: StandingAction): boolean {
  switch (action) {
    case 'terminate':
      return state !== 'terminated';
    case 'suspend':
      return state === null;
    case 'lift_suspension':
      return state === 'suspended_for_cause';
  }
}

/** The actions for cause an admin may take from a standing, in the order the admin's page offers them. */
export function standingActionsFor(state: AccountStandingState | null): StandingAction[] {
  return (['suspend', 'lift_suspension', 'terminate'] as const).filter((action) => mayTakeStandingAction(state, action));
}

/**
 * An admin acts on an account for cause: terminate it (final), suspend it (until lifted) or lift a
 * suspension for cause. Terminate and suspend need a reason (shown to the customer); every action
 * is recorded and the customer is notified in the notice centre (and by email/SMS). Refused
 * (AccountStandingError): `reason_required`, `not_found`, `not_allowed` in the account's standing.
 */
export async function changeStandingForCause(db: Db, input: { accountId: string; action: StandingAction; reason: string; actor: ActorRef; now: Date }): Promise<void> {
  const reason = input.reason.trim();
  if (input.action !== 'lift_suspension' && (reason === '' || reason.length > STANDING_REASON_MAX_LENGTH)) throw new AccountStandingError('admin', 'reason_required', { field: 'reason' });
  await db.transaction(async (tx) => {
    if (!(await lockAccount(tx, input.accountId))) throw new AccountStandingError('admin', 'not_found');
    const standing = await getAccountStanding(tx, input.accountId);
    const state = standing?.state ?? null;
    if (!mayTakeStandingAction(state, input.action)) throw new AccountStandingError('admin', 'not_allowed', { state });
    const base = { accountId: input.accountId, actor: input.actor, now: input.now };
    const at = input.now.toISOString();
    switch (input.action) {
      case 'terminate':
        await setStanding(tx, { ...base, state: 'terminated', change: 'terminated', reason });
        await createNotice(tx, { accountId: input.accountId, kind: 'account_terminated', params: { reason }, dedupeKey: `account_terminated:${input.accountId}:${at}`, now: input.now });
        return;
      case 'suspend':
        await setStanding(tx, { ...base, state: 'suspended_for_cause', change: 'suspended_for_cause', reason });
        await createNotice(tx, { accountId: input.accountId, kind: 'account_suspended_for_cause', params: { reason }, dedupeKey: `account_suspended_for_cause:${input.accountId}:${at}`, now: input.now });
        return;
      case 'lift_suspension':
        await setStanding(tx, { ...base, state: null, change: 'suspension_lifted', reason: reason || null });
        await createNotice(tx, { accountId: input.accountId, kind: 'account_suspension_lifted', params: { accountId: input.accountId }, dedupeKey: `account_suspension_lifted:${input.accountId}:${at}`, now: input.now });
        return;
    }
  });
}

/** The accounts an admin may act on: search by id, name or a user's email (at most 20). */
export async function findAccountsForAdmin(db: Db, query: string): Promise<{ id: string; name: string; email: string | null; state: AccountStandingState | null }[]> {
  const q = query.trim();
  if (q === '') return [];
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await queryRows<{ id: string; name: string; email: string | null; state: AccountStandingState | null }>(
    db,
    sql`select c.id, c.name, (select u.email from users u where u.account_id = c.id order by u.created_at limit 1) as email, s.state
        from ${customerAccounts} c left join account_standings s on s.account_id = c.id
        where c.id = ${q} or c.name ilike ${like}
           or exists (select 1 from users u where u.account_id = c.id and lower(u.email) like lower(${like}))
        order by c.id limit 20`,
  );
  return rows;
}

export interface StandingChange {
  change: (typeof accountStandingChanges.$inferSelect)['change'];
  reason: string | null;
  at: Date;
  byName: string | null;
}

/** Every change of an account's standing, newest first (for the admin page). */
export async function listStandingChanges(db: Db, accountId: string): Promise<StandingChange[]> {
  const rows = await queryRows<{ change: StandingChange['change']; reason: string | null; at_ms: unknown; by_name: string | null }>(
    db,
    sql`select c.change, c.reason, ${epochMs(sql`c.at`)} as at_ms, u.name as by_name
        from account_standing_changes c left join users u on u.id = c.by_user_id
        where c.account_id = ${accountId} order by c.at desc, c.id desc limit 100`,
  );
  return rows.map((r) => ({ change: r.change, reason: r.reason, at: fromEpochMs(r.at_ms) as Date, byName: r.by_name }));
}
