import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { recordUsage } from '@/lib/billing/record-usage';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { createBillingTestDatabase, reportUsage, TZ } from '@/lib/billing/testing';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { getAccountStatus } from '@/lib/billing/account-status';
import { queryRows } from '@/lib/db/sql-rows';
import { renderNotice } from '@/lib/notices/render-notice';
import { changeStandingForCause, closeAccount, findAccountsForAdmin, getAccountStanding, isAccountReadOnly, listStandingChanges } from './account-standing';
import { createUserWithAccount } from './customer-accounts';

const NOW = new Date('2026-06-01T04:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe.each(testDatabaseKinds())('closing, terminating and suspending accounts for cause on %s', (kind) => {
  let t: TestDatabase;
  let serial = 0;
  let admin: { userId: string; name: string };

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    const user = await createUserWithAccount(t.db, { email: 'ada-standing@demo.test', name: 'Ada', now: NOW });
    admin = { userId: user.id, name: 'Ada' };
  });
  afterAll(async () => t?.close());

  async function customer(balanceFen = 0n) {
    serial += 1;
    const user = await createUserWithAccount(t.db, { email: `standing${serial}@demo.test`, name: `Customer ${serial}`, now: NOW });
    if (balanceFen > 0n) await creditWallet(t.db, { accountId: user.accountId, amountFen: balanceFen, idempotencyKey: `standing-top-up:${serial}`, source: 'top_up', now: NOW });
    return { accountId: user.accountId, actor: { userId: user.id, name: `Customer ${serial}` } };
  }

  const noticeKinds = async (accountId: string) =>
    (await queryRows<{ kind: string }>(t.db, sql`select kind from notices where account_id = ${accountId} order by created_at, kind`)).map((r) => r.kind);
  const activityKinds = async (accountId: string) =>
    (await queryRows<{ kind: string }>(t.db, sql`select kind from activity_records where account_id = ${accountId} order by at, id`)).map((r) => r.kind);
  const usage = (accountId: string, id: string) =>
    recordUsage(t.db, [{ id, account: accountId, service: 'compute', quantity: '1', occurredAt: later(-1).toISOString() }], { now: NOW, timeZone: TZ });

  it('closing needs the account id typed exactly; then usage is refused (account_closed), the status is closed, records are kept', async () => {
    const c = await customer(5_000n);
    expect(await usage(c.accountId, `${c.accountId}-u1`)).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: 'A-wrong', actor: c.actor, now: NOW })).rejects.toMatchObject({ code: 'confirmation_mismatch', field: 'confirmation' });
    expect(await isAccountReadOnly(t.db, c.accountId)).toBe(false);

    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: ` ${c.accountId} `, actor: c.actor, now: later(1) })).resolves.toBeUndefined();
    expect(await getAccountStatus(t.db, c.accountId)).toEqual({ id: c.accountId, status: 'closed', balance: '50.00', currency: 'CNY', suspendedAt: null });
    expect(await usage(c.accountId, `${c.accountId}-u2`)).toMatchObject({ ok: false, code: 'account_closed', field: 'events[0].account' });
    // a duplicate of an event recorded before closing is still a duplicate, not a refusal
    expect(await usage(c.accountId, `${c.accountId}-u1`)).toEqual({ ok: true, accepted: 0, duplicates: 1 });
    const stored = await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from usage_events where account_id = ${c.accountId}`);
    expect(stored[0].n).toBe('1');

    expect(await isAccountReadOnly(t.db, c.accountId)).toBe(true);
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: c.accountId, actor: c.actor, now: later(2) })).rejects.toMatchObject({ code: 'already_closed', state: 'closed' });
    expect(await noticeKinds(c.accountId)).toEqual(['account_closed']);
    expect(await activityKinds(c.accountId)).toEqual(['account_closed']);
    expect((await listStandingChanges(t.db, c.accountId)).map((x) => [x.change, x.byName])).toEqual([['closed', c.actor.name]]);
  });

  it('a batch with one closed account is refused whole: nothing is written', async () => {
    const open = await customer();
    const closed = await customer();
    await closeAccount(t.db, { accountId: closed.accountId, confirmation: closed.accountId, actor: closed.actor, now: NOW });
    const result = await recordUsage(
      t.db,
      [
        { id: `${open.accountId}-b1`, account: open.accountId, service: 'compute', quantity: '1', occurredAt: later(-1).toISOString() },
        { id: `${closed.accountId}-b2`, account: closed.accountId, service: 'compute', quantity: '1', occurredAt: later(-1).toISOString() },
      ],
      { now: NOW, timeZone: TZ },
    );
    expect(result).toMatchObject({ ok: false, code: 'account_closed', field: 'events[1].account' });
    const stored = await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from usage_events where account_id in (${open.accountId}, ${closed.accountId})`);
    expect(stored[0].n).toBe('0');
  });

  it('arrears must be settled first: closing is refused with the amount to pay (penalties due included)', async () => {
    const c = await customer();
    // A day charge of 100.00 (compute 786.1667 vCPU-hours) on an empty wallet → −100.00 at 03-10 00:30;
    // the first overdue day ends 03-12 00:30 → penalty 0.30; closing at 03-12 09:00 sees −100.30.
    await reportUsage(t.db, new Date('2026-03-09T20:00:00+08:00'), [
      { id: `${c.accountId}-day`, account: c.accountId, service: 'compute', quantity: '786.1667', occurredAt: '2026-03-09T12:00:00+08:00' },
    ]);
    await runDueBilling(t.db, { now: new Date('2026-03-10T00:30:00+08:00'), timeZone: TZ, jobs: [] });
    const closingAt = new Date('2026-03-12T09:00:00+08:00');
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: c.accountId, actor: c.actor, now: closingAt })).rejects.toMatchObject({ code: 'arrears', params: { amount: 10_030n } });
    expect(await getAccountStanding(t.db, c.accountId)).toBeNull();
    await creditWallet(t.db, { accountId: c.accountId, amountFen: 10_030n, idempotencyKey: `pay:${c.accountId}`, source: 'top_up', now: closingAt });
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: c.accountId, actor: c.actor, now: closingAt })).resolves.toBeUndefined();
    expect((await getAccountStatus(t.db, c.accountId))?.status).toBe('closed');
  });

  it('an admin suspends for cause (status suspended, usage still accepted), lifts it, then terminates (status terminated, usage refused); the customer is told each time', async () => {
    const c = await customer(1_000n);
    const act = (action: 'suspend' | 'terminate' | 'lift_suspension', reason: string, minutes: number) =>
      changeStandingForCause(t.db, { accountId: c.accountId, action, reason, actor: admin, now: later(minutes) });

    await expect(act('suspend', '  ', 1)).rejects.toMatchObject({ code: 'reason_required', field: 'reason' });
    await expect(act('lift_suspension', '', 1)).rejects.toMatchObject({ code: 'not_allowed', state: null });
    await expect(act('suspend', 'Clause 7: sending spam', 2)).resolves.toBeUndefined();
    expect(await getAccountStatus(t.db, c.accountId)).toEqual({ id: c.accountId, status: 'suspended', balance: '10.00', currency: 'CNY', suspendedAt: later(2).toISOString() });
    expect(await usage(c.accountId, `${c.accountId}-s1`)).toMatchObject({ ok: true, accepted: 1 });
    expect(await isAccountReadOnly(t.db, c.accountId)).toBe(false);
    await expect(act('suspend', 'again', 3)).rejects.toMatchObject({ code: 'not_allowed', state: 'suspended_for_cause' });

    await expect(act('lift_suspension', '', 4)).resolves.toBeUndefined();
    expect((await getAccountStatus(t.db, c.accountId))?.status).toBe('active');

    await expect(act('terminate', 'Clause 9: fraud confirmed', 5)).resolves.toBeUndefined();
    expect(await getAccountStatus(t.db, c.accountId)).toMatchObject({ status: 'terminated', balance: '10.00' });
    expect(await usage(c.accountId, `${c.accountId}-s2`)).toMatchObject({ ok: false, code: 'account_closed' });
    await expect(act('terminate', 'again', 6)).rejects.toMatchObject({ code: 'not_allowed', state: 'terminated' });
    await expect(closeAccount(t.db, { accountId: c.accountId, confirmation: c.accountId, actor: c.actor, now: later(7) })).rejects.toMatchObject({ code: 'already_closed', state: 'terminated' });

    expect(await noticeKinds(c.accountId)).toEqual(['account_suspended_for_cause', 'account_suspension_lifted', 'account_terminated']);
    expect(await activityKinds(c.accountId)).toEqual(['account_suspended_for_cause', 'account_suspension_lifted', 'account_terminated']);
    expect((await listStandingChanges(t.db, c.accountId)).map((x) => [x.change, x.reason, x.byName])).toEqual([
      ['terminated', 'Clause 9: fraud confirmed', 'Ada'],
      ['suspension_lifted', null, 'Ada'],
      ['suspended_for_cause', 'Clause 7: sending spam', 'Ada'],
    ]);
  });

  it('the notices read in both languages with the reason', async () => {
    expect(renderNotice('account_terminated', { reason: 'fraud' }, 'en')).toEqual({ title: 'Your account has been terminated', body: expect.stringContaining('Reason: fraud') });
    expect(renderNotice('account_terminated', { reason: 'fraud' }, 'zh-CN').body).toContain('原因：fraud');
    expect(renderNotice('account_closed', { accountId: 'A1' }, 'zh-CN').body).toContain('预付余额不可提现或转让');
  });

  it('admins find accounts by id, name or email', async () => {
    const c = await customer();
    expect((await findAccountsForAdmin(t.db, c.accountId)).map((a) => a.id)).toEqual([c.accountId]);
    expect((await findAccountsForAdmin(t.db, `standing${serial}@demo`)).map((a) => a.id)).toEqual([c.accountId]);
    expect(await findAccountsForAdmin(t.db, '   ')).toEqual([]);
    expect(await findAccountsForAdmin(t.db, '%_nothing-like-this_%')).toEqual([]);
  });
});
