import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { createBillingTestDatabase, reportUsage, TZ } from '@/lib/billing/testing';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { listWalletMovements } from '@/lib/charges/wallet-history';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { addDays } from '@/lib/time/zoned-date';
import { renderNotice } from '@/lib/notices/render-notice';
import { adjustmentIdempotencyKey, approveAdjustment, rejectAdjustment, requestAdjustment } from './adjustments';
import { answerAsSupport, askQuestion, closeCase, replyAsCustomer } from './cases';
import { getCaseForStaff, getCaseOfAccount, listCasesOfAccount, listOpenCases, listPendingAdjustments } from './queries';
import { SupportCaseError } from './rules';

const NOW = new Date('2026-03-10T09:00:00+08:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** The error code a call fails with (or "no error"). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof SupportCaseError) return error.code;
    throw error;
  }
}

describe.each(testDatabaseKinds())('questions about a charge on %s', (kind) => {
  let t: TestDatabase;
  let serial = 0;
  let sam: { userId: string; name: string };
  let fiona: { userId: string; name: string };
  let frank: { userId: string; name: string };

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    const person = async (name: string) => {
      const user = await createUserWithAccount(t.db, { email: `${name.toLowerCase()}-cases@demo.test`, name, now: NOW });
      return { userId: user.id, name };
    };
    sam = await person('Sam');
    fiona = await person('Fiona');
    frank = await person('Frank');
  });
  afterAll(async () => t?.close());

  /**
   * A customer with ¥200.00 topped up, then a day charge of exactly ¥100.00 (compute 786.1667
   * vCPU-hours: net 94.34 + VAT 5.66), settled at 00:30 the next day: balance ¥100.00. Each customer
   * gets a day of their own (settlement moves forward day by day).
   */
  async function customerWithCharge() {
    serial += 1;
    const name = `Customer ${serial}`;
    const day = addDays('2026-01-01', serial);
    const user = await createUserWithAccount(t.db, { email: `cases${serial}@demo.test`, name, now: new Date(`${day}T00:00:00+08:00`) });
    await creditWallet(t.db, { accountId: user.accountId, amountFen: 20_000n, idempotencyKey: `cases-top-up:${user.accountId}`, source: 'top_up', now: new Date(`${day}T08:00:00+08:00`) });
    await reportUsage(t.db, new Date(`${day}T20:00:00+08:00`), [
      { id: `${user.accountId}-day`, account: user.accountId, service: 'compute', quantity: '786.1667', occurredAt: `${day}T12:00:00+08:00` },
    ]);
    await runDueBilling(t.db, { now: new Date(`${addDays(day, 1)}T00:30:00+08:00`), timeZone: TZ, jobs: [] });
    const transfers = await queryRows<{ id: string; kind: string }>(
      t.db,
      sql`select id::text as id, kind from ledger_transfers where customer_account_id = ${user.accountId} order by id`,
    );
    const charge = transfers.find((x) => x.kind === 'charge');
    const topUp = transfers.find((x) => x.kind === 'top_up');
    if (!charge || !topUp) throw new Error(`no charge for ${user.accountId}: ${JSON.stringify(transfers)}`);
    return { accountId: user.accountId, day, author: { userId: user.id, name }, chargeId: charge.id, topUpId: topUp.id };
  }

  const countCases = async () => toBigint((await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from support_cases`))[0].n);
  const countMessages = async () => toBigint((await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from support_case_messages`))[0].n);
  const balanceOf = async (accountId: string) =>
    toBigint((await queryRows<{ b: string }>(t.db, sql`select coalesce((select balance_fen from wallets where account_id = ${accountId}), 0)::text as b`))[0].b);
  const adjustmentTransfers = async (accountId: string) =>
    queryRows<{ key: string; reference: string | null; memo: string | null }>(
      t.db,
      sql`select idempotency_key as key, reference, memo from ledger_transfers where customer_account_id = ${accountId} and kind = 'adjustment' order by id`,
    );
  const noticesOf = async (accountId: string) =>
    queryRows<{ kind: string; params: Record<string, string> }>(t.db, sql`select kind, params from notices where account_id = ${accountId} and kind in ('support_case_answered', 'adjustment_credited') order by created_at, id`);

  it('a question needs 1–2,000 characters and one of the account’s own charges; bad input writes nothing', async () => {
    const c = await customerWithCharge();
    const other = await customerWithCharge();
    const ask = (charge: unknown, body: unknown) => codeOf(askQuestion(t.db, { accountId: c.accountId, author: c.author, charge, body, now: NOW }));
    const charge = { kind: 'transfer', transferId: c.chargeId };
    const cases = await countCases();
    const messages = await countMessages();

    expect(await ask(charge, '')).toBe('message_empty');
    expect(await ask(charge, ' \n\t ')).toBe('message_empty');
    expect(await ask(charge, 'x'.repeat(2001))).toBe('message_too_long');
    // Characters, not UTF-16 units or bytes: 2,001 CJK characters are too many, 2,000 emoji are not.
    expect(await ask(charge, '费'.repeat(2001))).toBe('message_too_long');
    expect(await ask(charge, 42)).toBe('message_empty');
    expect(await ask(undefined, 'Why?')).toBe('charge_missing');
    expect(await ask({ kind: 'transfer', transferId: 'abc' }, 'Why?')).toBe('charge_not_found');
    expect(await ask({ kind: 'transfer', transferId: other.chargeId }, 'Why?')).toBe('charge_not_found');
    expect(await ask({ kind: 'day', day: addDays(c.day, -1) }, 'Why?')).toBe('charge_not_found');
    expect(await ask({ kind: 'day', day: '2026-02-30' }, 'Why?')).toBe('charge_not_found');
    expect(await countCases()).toBe(cases);
    expect(await countMessages()).toBe(messages);

    expect(await ask(charge, '😀'.repeat(2000))).toBe('no error');
    const asked = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'day', day: c.day }, body: '  Why ¥100 that day?  ', now: later(1) });
    const detail = await getCaseOfAccount(t.db, c.accountId, asked.caseId);
    expect(detail).toMatchObject({ status: 'open', subject: 'day', serviceDay: c.day, charge: { disputedFen: 10_000n, amountFen: -10_000n }, adjustableFen: 10_000n });
    expect(detail?.thread.map((m) => [m.authorKind, m.authorName, m.body])).toEqual([['customer', c.author.name, 'Why ¥100 that day?']]);
    const [byTransfer] = (await listCasesOfAccount(t.db, c.accountId)).filter((x) => x.subject === 'transfer');
    expect(byTransfer).toMatchObject({ transferId: toBigint(c.chargeId), serviceDay: c.day });
  });

  it('one customer never sees or writes to another customer’s case', async () => {
    const a = await customerWithCharge();
    const b = await customerWithCharge();
    const asked = await askQuestion(t.db, { accountId: a.accountId, author: a.author, charge: { kind: 'transfer', transferId: a.chargeId }, body: 'Is this right?', now: NOW });

    expect((await listCasesOfAccount(t.db, a.accountId)).map((x) => x.id)).toEqual([asked.caseId]);
    expect(await listCasesOfAccount(t.db, b.accountId)).toEqual([]);
    expect(await getCaseOfAccount(t.db, b.accountId, asked.caseId)).toBeNull();
    expect(await getCaseOfAccount(t.db, b.accountId, 'not-a-uuid')).toBeNull();
    expect(await codeOf(replyAsCustomer(t.db, { accountId: b.accountId, caseId: asked.caseId, author: b.author, body: 'Me too', now: later(1) }))).toBe('case_not_found');
    expect((await getCaseForStaff(t.db, asked.caseId))?.thread).toHaveLength(1);
  });

  it('support answers open cases oldest first; each answer notifies the customer; a closed case takes no more messages', async () => {
    const c = await customerWithCharge();
    const first = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'day', day: c.day }, body: 'First', now: later(-30) });
    const second = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'transfer', transferId: c.chargeId }, body: 'Second', now: later(-20) });
    const queue = (await listOpenCases(t.db)).map((x) => x.id).filter((id) => id === first.caseId || id === second.caseId);
    expect(queue).toEqual([first.caseId, second.caseId]);

    expect(await codeOf(answerAsSupport(t.db, { caseId: first.caseId, author: sam, body: '   ', now: NOW }))).toBe('message_empty');
    expect(await noticesOf(c.accountId)).toEqual([]);
    await answerAsSupport(t.db, { caseId: first.caseId, author: sam, body: 'It is 786.1667 vCPU-hours at ¥0.12.', now: later(1) });
    await replyAsCustomer(t.db, { accountId: c.accountId, caseId: first.caseId, author: c.author, body: 'Thanks, and the VAT?', now: later(2) });
    await answerAsSupport(t.db, { caseId: first.caseId, author: sam, body: '6 %: ¥5.66.', now: later(3) });
    const notices = await noticesOf(c.accountId);
    expect(notices.map((n) => [n.kind, n.params.number])).toEqual([
      ['support_case_answered', first.number.toString()],
      ['support_case_answered', first.number.toString()],
    ]);
    expect(renderNotice('support_case_answered', notices[0].params, 'zh-CN').body).toContain(`#${first.number}`);

    await closeCase(t.db, { caseId: first.caseId, closedBy: sam, now: later(4) });
    expect(await codeOf(replyAsCustomer(t.db, { accountId: c.accountId, caseId: first.caseId, author: c.author, body: 'One more', now: later(5) }))).toBe('case_closed');
    expect(await codeOf(answerAsSupport(t.db, { caseId: first.caseId, author: sam, body: 'Late', now: later(5) }))).toBe('case_closed');
    expect(await codeOf(closeCase(t.db, { caseId: first.caseId, closedBy: sam, now: later(5) }))).toBe('case_closed');
    const closed = await getCaseOfAccount(t.db, c.accountId, first.caseId);
    expect(closed).toMatchObject({ status: 'closed', closedByName: 'Sam' });
    expect(closed?.thread.map((m) => m.authorKind)).toEqual(['customer', 'staff', 'customer', 'staff']);
    expect((await listOpenCases(t.db)).map((x) => x.id)).not.toContain(first.caseId);
  });

  it('an adjustment moves nothing until a different user approves it; the requester cannot, not even by writing the row', async () => {
    const c = await customerWithCharge();
    const asked = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'transfer', transferId: c.chargeId }, body: 'Too much', now: NOW });
    const before = await balanceOf(c.accountId);
    const { adjustmentId, amountFen } = await requestAdjustment(t.db, { caseId: asked.caseId, amount: '12.50', reason: 'Usage double-counted for one hour', requester: sam, now: later(1) });
    expect(amountFen).toBe(1_250n);
    expect(await balanceOf(c.accountId)).toBe(before);
    expect((await listPendingAdjustments(t.db)).find((p) => p.id === adjustmentId)).toMatchObject({ amountFen: 1_250n, requestedByName: 'Sam', accountId: c.accountId });

    expect(await codeOf(approveAdjustment(t.db, { adjustmentId, approver: sam, now: later(2) }))).toBe('same_person');
    expect(await codeOf(rejectAdjustment(t.db, { adjustmentId, reason: 'no', decider: sam, now: later(2) }))).toBe('same_person');
    await expect(
      t.db.execute(sql`update support_case_adjustments set status = 'rejected', decided_by_user_id = requested_by_user_id where id = ${adjustmentId}::uuid`),
    ).rejects.toThrow();
    expect(await balanceOf(c.accountId)).toBe(before);
    expect(await adjustmentTransfers(c.accountId)).toEqual([]);

    const approved = await approveAdjustment(t.db, { adjustmentId, approver: fiona, now: later(3), timeZone: TZ });
    expect(approved.amountFen).toBe(1_250n);
    expect(await balanceOf(c.accountId)).toBe(before + 1_250n);
    expect(await adjustmentTransfers(c.accountId)).toEqual([{ key: adjustmentIdempotencyKey(adjustmentId), reference: `#${asked.number}`, memo: 'requested by Sam; approved by Fiona' }]);
    const legs = await queryRows<{ id: string; amount: string }>(
      t.db,
      sql`select p.ledger_account_id as id, p.amount_fen::text as amount from ledger_postings p where p.transfer_id = ${approved.transferId.toString()}::bigint order by 1`,
    );
    expect(legs).toEqual([
      { id: 'operator:adjustments', amount: '-1250' },
      { id: `wallet:${c.accountId}`, amount: '1250' },
    ]);
    const detail = await getCaseOfAccount(t.db, c.accountId, asked.caseId);
    expect(detail?.adjustments).toMatchObject([{ status: 'approved', amountFen: 1_250n, requestedByName: 'Sam', decidedByName: 'Fiona', transferId: approved.transferId }]);
    const credited = (await noticesOf(c.accountId)).filter((n) => n.kind === 'adjustment_credited');
    expect(credited.map((n) => n.params)).toEqual([{ number: asked.number.toString(), amountFen: '1250', balanceFen: String(before + 1_250n) }]);
    expect(renderNotice('adjustment_credited', credited[0].params, 'en').body).toContain('¥12.50');
    // The customer's history shows the credit with the question and both names.
    const history = await listWalletMovements(t.db, { accountId: c.accountId, filter: { ...emptyHistoryFilter, type: 'adjustment' }, after: null, limit: 10, timeZone: TZ });
    expect(history.movements.map((m) => [m.amountFen, m.adjustment])).toEqual([
      [1_250n, { caseId: asked.caseId, caseNumber: asked.number, requestedByName: 'Sam', approvedByName: 'Fiona' }],
    ]);
  });

  it('approving twice never posts twice', async () => {
    const c = await customerWithCharge();
    const asked = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'day', day: c.day }, body: 'Outage?', now: NOW });
    const { adjustmentId } = await requestAdjustment(t.db, { caseId: asked.caseId, amount: '3', reason: 'Goodwill', requester: sam, now: later(1) });
    const before = await balanceOf(c.accountId);
    await approveAdjustment(t.db, { adjustmentId, approver: fiona, now: later(2) });
    expect(await codeOf(approveAdjustment(t.db, { adjustmentId, approver: fiona, now: later(3) }))).toBe('already_decided');
    expect(await codeOf(approveAdjustment(t.db, { adjustmentId, approver: frank, now: later(3) }))).toBe('already_decided');
    expect(await codeOf(rejectAdjustment(t.db, { adjustmentId, reason: 'Changed my mind', decider: frank, now: later(3) }))).toBe('already_decided');
    // Even a retry that bypassed the status (the same ledger key) posts nothing.
    const retry = await creditWallet(t.db, { accountId: c.accountId, amountFen: 300n, idempotencyKey: adjustmentIdempotencyKey(adjustmentId), source: 'adjustment', now: later(4) });
    expect(retry.posted).toBe(false);
    expect(await balanceOf(c.accountId)).toBe(before + 300n);
    expect(await adjustmentTransfers(c.accountId)).toHaveLength(1);
    expect((await noticesOf(c.accountId)).filter((n) => n.kind === 'adjustment_credited')).toHaveLength(1);
  });

  it.runIf(kind === 'postgres')('approvals racing on several connections post once', async () => {
    const c = await customerWithCharge();
    const asked = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'transfer', transferId: c.chargeId }, body: 'Race', now: NOW });
    const { adjustmentId } = await requestAdjustment(t.db, { caseId: asked.caseId, amount: '2.00', reason: 'Goodwill', requester: sam, now: later(1) });
    const before = await balanceOf(c.accountId);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => codeOf(approveAdjustment(t.db, { adjustmentId, approver: i % 2 ? fiona : frank, now: later(2) }))));
    expect(results.filter((r) => r === 'no error')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_decided')).toHaveLength(5);
    expect(await balanceOf(c.accountId)).toBe(before + 200n);
    expect(await adjustmentTransfers(c.accountId)).toHaveLength(1);
  });

  it('amounts are yuan with at most two decimals, above zero, and never more than the charge disputed over all its cases', async () => {
    const c = await customerWithCharge();
    const ask = (charge: unknown) => askQuestion(t.db, { accountId: c.accountId, author: c.author, charge, body: 'Why?', now: NOW });
    const one = await ask({ kind: 'transfer', transferId: c.chargeId });
    const two = await ask({ kind: 'transfer', transferId: c.chargeId });
    const request = (caseId: string, amount: unknown) => codeOf(requestAdjustment(t.db, { caseId, amount, reason: 'Goodwill', requester: sam, now: later(1) }));

    expect(await request(one.caseId, '0')).toBe('amount_not_positive');
    expect(await request(one.caseId, '-1.00')).toBe('amount_invalid');
    expect(await request(one.caseId, '1.005')).toBe('amount_invalid');
    expect(await request(one.caseId, 'ten')).toBe('amount_invalid');
    expect(await codeOf(requestAdjustment(t.db, { caseId: one.caseId, amount: '1', reason: '  ', requester: sam, now: NOW }))).toBe('reason_empty');
    expect(await request(one.caseId, '100.01')).toBe('amount_above_disputed');
    expect(await request(one.caseId, '60.00')).toBe('no error');
    // The same charge asked about again: only the remaining ¥40.00 can be granted.
    expect(await request(two.caseId, '40.01')).toBe('amount_above_disputed');
    expect(await request(two.caseId, '40.00')).toBe('no error');
    expect(await request(two.caseId, '0.01')).toBe('nothing_to_adjust');
    // A rejection frees its share.
    const pending = (await listPendingAdjustments(t.db)).filter((p) => p.caseId === two.caseId);
    await rejectAdjustment(t.db, { adjustmentId: pending[0].id, reason: 'Not justified', decider: fiona, now: later(2) });
    expect((await getCaseForStaff(t.db, two.caseId))?.adjustableFen).toBe(4_000n);

    // A top-up took nothing from the wallet: nothing to adjust on it.
    const topUp = await ask({ kind: 'transfer', transferId: c.topUpId });
    expect(await request(topUp.caseId, '1.00')).toBe('nothing_to_adjust');
    expect(await countPending(c.accountId)).toBe(1n);
  });

  const countPending = async (accountId: string) =>
    toBigint((await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from support_case_adjustments where account_id = ${accountId} and status = 'pending'`))[0].n);

  it('staff who sign in to the customer’s own account can neither ask for nor approve its adjustments', async () => {
    const c = await customerWithCharge();
    const asked = await askQuestion(t.db, { accountId: c.accountId, author: c.author, charge: { kind: 'transfer', transferId: c.chargeId }, body: 'Mine', now: NOW });
    expect(await codeOf(requestAdjustment(t.db, { caseId: asked.caseId, amount: '1.00', reason: 'For me', requester: c.author, now: later(1) }))).toBe('own_account');
    const { adjustmentId } = await requestAdjustment(t.db, { caseId: asked.caseId, amount: '1.00', reason: 'Goodwill', requester: sam, now: later(1) });
    expect(await codeOf(approveAdjustment(t.db, { adjustmentId, approver: c.author, now: later(2) }))).toBe('own_account');
    expect(await adjustmentTransfers(c.accountId)).toEqual([]);
  });
});
