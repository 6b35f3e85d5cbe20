import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { endOfDateIn, startOfDateIn } from '@/lib/time/zoned-date';
import { addAccounts, createBillingTestDatabase, reportIncident, reportUsage, TZ } from '@/lib/billing/testing';
import type { TestDatabase } from '@/lib/db/testing';
import { testDatabaseKinds } from '@/lib/db/testing';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { OPERATOR, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { postAndApply } from '@/lib/billing/post-and-apply';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { historyCsvStream } from './history-csv';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';
import { emptyHistoryFilter, historyFilterFrom, type HistoryFilter } from './history-filter';
import { listWalletMovements, MAX_HISTORY_PAGE, walletMovementBatches, type WalletMovement } from './wallet-history';

const at = (iso: string) => new Date(iso);
const run = (t: TestDatabase, iso: string) => runDueBilling(t.db, { now: at(iso), timeZone: TZ, jobs: [] });

/**
 * H1: five days of usage of three services, a top-up too small (suspended, one overdue penalty),
 * an outage credit, a supplementary line for late usage, three adjustments posted at one instant
 * and a reinstating top-up. H2: its own usage and top-up, same instants (ties across accounts).
 */
async function scenario(t: TestDatabase): Promise<void> {
  await addAccounts(t.db, 'H1', 'H2');
  await creditWallet(t.db, { accountId: 'H1', amountFen: 2_000n, idempotencyKey: 'pay:H1:1', source: 'top_up', reference: 'pay_1', now: at('2026-03-01T01:00:00+08:00') });
  await creditWallet(t.db, { accountId: 'H2', amountFen: 90_000n, idempotencyKey: 'pay:H2:1', source: 'top_up', reference: 'pay_2', now: at('2026-03-01T01:00:00+08:00') });
  for (const day of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) {
    await reportUsage(
      t.db,
      at(`${day}T23:00:00+08:00`),
      ['H1', 'H2'].flatMap((account, i) => [
        { id: `${account}-c-${day}`, account, service: 'compute', quantity: `${50 + i}.125`, occurredAt: `${day}T08:00:00+08:00` },
        { id: `${account}-s-${day}`, account, service: 'storage', quantity: '120.5', occurredAt: `${day}T09:00:00+08:00` },
        { id: `${account}-t-${day}`, account, service: 'traffic', quantity: `${3 + i}.75`, occurredAt: `${day}T10:00:00+08:00` },
      ]),
    );
  }
  await reportIncident(t.db, at('2026-03-03T20:00:00+08:00'), {
    id: 'inc-1',
    service: 'compute',
    startedAt: '2026-03-03T10:00:00+08:00',
    endedAt: '2026-03-03T12:30:00+08:00',
    accounts: ['H1'],
  });
  await run(t, '2026-03-04T00:30:00+08:00'); // 03-01…03-03 settled: H1 goes negative, suspended
  await reportUsage(t.db, at('2026-03-04T10:00:00+08:00'), [
    { id: 'H1-late', account: 'H1', service: 'compute', quantity: '7', occurredAt: '2026-03-02T15:00:00+08:00' },
  ]);
  const adjustments = [1, 2, 3].map((n) => ({
    idempotencyKey: `adj:H1:${n}`,
    kind: 'adjustment' as const,
    accountId: 'H1',
    effectiveAt: at('2026-03-04T14:00:00+08:00'),
    reference: `ticket ${n}`,
    legs: [
      { ledgerAccountId: walletLedgerAccountId('H1'), amountFen: 10n * BigInt(n) },
      { ledgerAccountId: OPERATOR.adjustments, amountFen: -10n * BigInt(n) },
    ],
  }));
  await postAndApply(t.db, { transfers: adjustments }, { at: at('2026-03-04T14:00:00+08:00') });
  await run(t, '2026-03-06T00:30:00+08:00'); // penalty for 03-05 00:30–03-06 00:30, 03-04/05 settled, late line
  await creditWallet(t.db, { accountId: 'H1', amountFen: 20_000n, idempotencyKey: 'pay:H1:2', source: 'top_up', reference: '=pay_3', now: at('2026-03-06T09:00:00+08:00') });
}

async function allPages(t: TestDatabase, accountId: string, filter: HistoryFilter, limit: number): Promise<WalletMovement[]> {
  const out: WalletMovement[] = [];
  let after = null;
  for (let guard = 0; guard < 1_000; guard++) {
    const page = await listWalletMovements(t.db, { accountId, filter, after, limit, timeZone: TZ });
    expect(page.movements.length).toBeLessThanOrEqual(limit);
    out.push(...page.movements);
    if (!page.next) return out;
    // The cursor survives the trip through the browser.
    after = decodeHistoryCursor(encodeHistoryCursor(page.next));
  }
  throw new Error('paging did not end');
}

async function expectedIds(t: TestDatabase, accountId: string, where = sql``): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    t.db,
    sql`select t.id::text as id from ledger_transfers t left join charge_lines l on l.transfer_id = t.id
        where t.customer_account_id = ${accountId} ${where} order by t.effective_at desc, t.id desc`,
  );
  return rows.map((r) => r.id);
}

const ids = (movements: WalletMovement[]) => movements.map((m) => m.transferId.toString());

describe.each(testDatabaseKinds())('charge history on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    await scenario(t);
  });
  afterAll(async () => t?.close());

  it('the scenario has every kind of movement and ties on the posted instant', async () => {
    const kinds = await queryRows<{ kind: string; n: string; instants: string }>(
      t.db,
      sql`select kind, count(*)::text as n, count(distinct effective_at)::text as instants from ledger_transfers where customer_account_id = 'H1' group by kind order by kind`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['adjustment', 'charge', 'late_charge', 'penalty', 'sla_credit', 'top_up']);
    // 15 daily charges at two instants, 3 adjustments at one: ties the order must break by id.
    expect(kinds.find((k) => k.kind === 'charge')).toMatchObject({ n: '15', instants: '2' });
    expect(kinds.find((k) => k.kind === 'adjustment')).toMatchObject({ n: '3', instants: '1' });
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it.each([1, 2, 7, 50])('keyset pages of %i return every movement once, newest first (instant, then transfer id)', async (limit) => {
    const movements = await allPages(t, 'H1', emptyHistoryFilter, limit);
    expect(ids(movements)).toEqual(await expectedIds(t, 'H1'));
    expect(new Set(ids(movements)).size).toBe(movements.length);
  });

  it('a page started after a cursor is unaffected by movements posted meanwhile', async () => {
    const first = await listWalletMovements(t.db, { accountId: 'H2', filter: emptyHistoryFilter, after: null, limit: 4, timeZone: TZ });
    await creditWallet(t.db, { accountId: 'H2', amountFen: 1_00n, idempotencyKey: 'pay:H2:late', source: 'top_up', now: at('2026-03-07T09:00:00+08:00') });
    const rest = await allPages(t, 'H2', emptyHistoryFilter, 100).then((all) => all.slice(1));
    const second = await listWalletMovements(t.db, { accountId: 'H2', filter: emptyHistoryFilter, after: first.next, limit: 100, timeZone: TZ });
    expect([...ids(first.movements), ...ids(second.movements)]).toEqual(ids(rest));
  });

  it('the type filter keeps only that kind of movement', async () => {
    const charges = await allPages(t, 'H1', historyFilterFrom({ type: 'charge' }), 4);
    expect(ids(charges)).toEqual(await expectedIds(t, 'H1', sql`and t.kind in ('charge', 'late_charge')`));
    expect(charges.some((m) => m.kind === 'late_charge')).toBe(true);
    const penalties = await allPages(t, 'H1', historyFilterFrom({ type: 'penalty' }), 4);
    expect(penalties).toHaveLength(1);
    expect(penalties[0].penalty).toMatchObject({ periodIndex: 1, rate: '0.003000' });
    expect(penalties[0].penalty?.amountFen).toBe(-penalties[0].amountFen);
    expect(penalties[0].penalty?.periodEnd).toEqual(at('2026-03-06T00:30:00+08:00'));
    const credits = await allPages(t, 'H1', historyFilterFrom({ type: 'credit' }), 4);
    expect(credits).toHaveLength(1);
    expect(credits[0].incidents).toEqual(['inc-1']);
    expect(credits[0].line).toMatchObject({ serviceId: 'compute', serviceDay: '2026-03-03', kind: 'sla_credit', quantity: '150.000000000', unit: 'minute' });
    expect(credits[0].amountFen).toBeGreaterThan(0n);
  });

  it('the service filter keeps only that service’s lines', async () => {
    const storage = await allPages(t, 'H1', historyFilterFrom({ service: 'storage' }), 3);
    expect(ids(storage)).toEqual(await expectedIds(t, 'H1', sql`and l.service_id = 'storage'`));
    expect(storage.every((m) => m.line?.serviceId === 'storage')).toBe(true);
    expect(storage).toHaveLength(5);
    const line = storage[storage.length - 1].line;
    expect(line).toMatchObject({ serviceDay: '2026-03-01', unit: 'GB-day', unitPrice: '0.004000', taxKind: 'vat', taxRate: '0.060000' });
    // 120.5 GB-day × ¥0.004 = ¥0.482 → 48 fen; VAT 6 % of 48 = 2.88 → 3 fen.
    expect([line?.netFen, line?.taxFen, line?.grossFen]).toEqual([48n, 3n, 51n]);
  });

  it('the date range is inclusive calendar days of the posted instant in the billing time zone', async () => {
    const filter = historyFilterFrom({ from: '2026-03-04', to: '2026-03-04' });
    const movements = await allPages(t, 'H1', filter, 5);
    const start = startOfDateIn('2026-03-04', TZ).toISOString();
    const end = endOfDateIn('2026-03-04', TZ).toISOString();
    expect(ids(movements)).toEqual(await expectedIds(t, 'H1', sql`and t.effective_at >= ${start}::timestamptz and t.effective_at < ${end}::timestamptz`));
    expect(new Set(movements.map((m) => m.kind))).toEqual(new Set(['charge', 'sla_credit', 'adjustment']));
    // Reversed bounds are read the way they were meant; combined filters narrow further.
    expect(ids(await allPages(t, 'H1', historyFilterFrom({ from: '2026-03-06', to: '2026-03-01', type: 'charge', service: 'traffic' }), 2))).toEqual(
      await expectedIds(t, 'H1', sql`and t.kind in ('charge', 'late_charge') and l.service_id = 'traffic'`),
    );
  });

  it('the running balance is the balance right after each movement', async () => {
    const movements = (await allPages(t, 'H1', emptyHistoryFilter, 50)).sort((a, b) => (a.transferId < b.transferId ? -1 : 1));
    let balance = 0n;
    for (const m of movements) {
      balance += m.amountFen;
      expect(m.balanceAfterFen).toBe(balance);
    }
    expect(balance).toBe((await getWalletSnapshot(t.db, 'H1'))?.balanceFen);
    // The balance went below zero before the reinstating top-up.
    expect(movements.some((m) => m.balanceAfterFen < 0n)).toBe(true);
  });

  it('another customer’s movements never appear', async () => {
    const h1 = new Set(ids(await allPages(t, 'H1', emptyHistoryFilter, 20)));
    const h2 = await allPages(t, 'H2', emptyHistoryFilter, 20);
    expect(h2.length).toBeGreaterThan(0);
    expect(h2.filter((m) => h1.has(m.transferId.toString()))).toEqual([]);
    expect(ids(h2)).toEqual(await expectedIds(t, 'H2'));
    // A cursor taken from H1's list does not reach into H1 when used with H2.
    const page = await listWalletMovements(t.db, { accountId: 'H2', filter: emptyHistoryFilter, after: (await allPages(t, 'H1', emptyHistoryFilter, 50))[0].cursor, limit: 500, timeZone: TZ });
    expect(page.movements.filter((m) => h1.has(m.transferId.toString()))).toEqual([]);
    expect(await allPages(t, 'nobody', emptyHistoryFilter, 20)).toEqual([]);
  });

  it('exports read every movement, newest first, when the history is longer than a page (asked for larger batches too)', async () => {
    await addAccounts(t.db, 'H3');
    const count = MAX_HISTORY_PAGE + 37;
    const adjustments = Array.from({ length: count }, (_, n) => ({
      idempotencyKey: `adj:H3:${n}`,
      kind: 'adjustment' as const,
      accountId: 'H3',
      effectiveAt: new Date(Date.UTC(2026, 2, 1) + n * 60_000),
      legs: [
        { ledgerAccountId: walletLedgerAccountId('H3'), amountFen: 1n },
        { ledgerAccountId: OPERATOR.adjustments, amountFen: -1n },
      ],
    }));
    await postAndApply(t.db, { transfers: adjustments }, { at: at('2026-03-02T00:00:00+08:00') });
    for (const batchSize of [MAX_HISTORY_PAGE, 2 * MAX_HISTORY_PAGE, 1_000_000]) {
      const exported: WalletMovement[] = [];
      for await (const batch of walletMovementBatches(t.db, { accountId: 'H3', filter: emptyHistoryFilter, timeZone: TZ }, batchSize)) exported.push(...batch);
      expect(exported).toHaveLength(count);
      expect(ids(exported)).toEqual(await expectedIds(t, 'H3'));
    }
  });

  it('the CSV has a BOM, a header and exactly the filtered rows, in order, amounts as decimal strings', async () => {
    const filter = historyFilterFrom({ type: 'charge' });
    const stream = historyCsvStream(t.db, { accountId: 'H1', filter, timeZone: TZ }, 4);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toContain('交易号 Transfer ID');
    const records = lines.slice(1).map((line) => line.split(','));
    expect(records.map((r) => r[2])).toEqual(await expectedIds(t, 'H1', sql`and t.kind in ('charge', 'late_charge')`));
    for (const r of records) {
      expect(r[1]).toBe('charge');
      expect(r[8]).toMatch(/^-?\d+\.\d{2}$/);
      expect(r[12]).toMatch(/^-\d+\.\d{2}$/);
    }
    const topUps = await new Response(historyCsvStream(t.db, { accountId: 'H1', filter: historyFilterFrom({ type: 'top_up' }), timeZone: TZ })).text();
    // A reference that a spreadsheet would run as a formula is neutralised.
    expect(topUps).toContain("'=pay_3");
  });
});
