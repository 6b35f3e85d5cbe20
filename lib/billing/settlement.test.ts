import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { prices, services, taxRules } from '@/lib/db/schema';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { creditWallet } from './credit-wallet';
import { recordIncident } from './record-incident';
import { runDueBilling } from './run-due-billing';
import { addAccounts, chargeLinesOf, createBillingTestDatabase, ledgerSnapshot, reportIncident, reportUsage, resetBilling, TZ } from './testing';

const run = (t: TestDatabase, iso: string) => runDueBilling(t.db, { now: new Date(iso), timeZone: TZ, jobs: [] });

describe.each(testDatabaseKinds())('billing on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  describe('daily settlement', () => {
    beforeEach(async () => {
      await resetBilling(t.db);
      await addAccounts(t.db, 'A1', 'A2');
      await creditWallet(t.db, { accountId: 'A1', amountFen: 100_000n, idempotencyKey: 'seed:A1', source: 'top_up', now: new Date('2026-03-01T00:00:00Z') });
      await creditWallet(t.db, { accountId: 'A2', amountFen: 100_000n, idempotencyKey: 'seed:A2', source: 'top_up', now: new Date('2026-03-01T00:00:00Z') });
    });

    it('rates a day per (account, service): quantity × unit price rounded half up once, tax = round_half_up(net × rate)', async () => {
      const now = new Date('2026-03-10T00:01:00+08:00');
      await reportUsage(t.db, now, [
        // 0.125 vCPU-h × ¥0.12 = 1.5 fen → 2 fen; tax 6 % of 2 fen = 0.12 → 0
        { id: 'c1', account: 'A1', service: 'compute', quantity: '0.1', occurredAt: '2026-03-09T01:00:00+08:00' },
        { id: 'c2', account: 'A1', service: 'compute', quantity: '0.025', occurredAt: '2026-03-09T02:00:00+08:00' },
        // 0.625 GB × ¥0.80 = 50 fen; tax 9 % = 4.5 → 5 fen
        { id: 't1', account: 'A1', service: 'traffic', quantity: '0.625', occurredAt: '2026-03-09T03:00:00+08:00' },
        // 1234.5678 GB-day × ¥0.004 = 493.82712 fen → 494; tax 6 % = 29.64 → 30
        { id: 's1', account: 'A1', service: 'storage', quantity: '1234.5678', occurredAt: '2026-03-09T23:59:59.999+08:00' },
      ]);
      const summary = await run(t, '2026-03-10T00:30:00+08:00');
      expect(summary.settledDays).toEqual(['2026-03-09']);
      const lines = (await chargeLinesOf(t.db, 'A1')).sort((a, b) => a.key.localeCompare(b.key));
      expect(lines).toEqual([
        expect.objectContaining({ key: 'charge:A1:compute:2026-03-09', kind: 'usage', net: 2n, tax: 0n, gross: 2n }),
        expect.objectContaining({ key: 'charge:A1:storage:2026-03-09', kind: 'usage', net: 494n, tax: 30n, gross: 524n }),
        expect.objectContaining({ key: 'charge:A1:traffic:2026-03-09', kind: 'usage', net: 50n, tax: 5n, gross: 55n }),
      ]);
      expect((await getWalletSnapshot(t.db, 'A1'))?.balanceFen).toBe(100_000n - 2n - 524n - 55n);
      expect((await verifyBooks(t.db)).ok).toBe(true);
    });

    it('re-running a settled day changes nothing', async () => {
      await reportUsage(t.db, new Date('2026-03-09T12:00:00+08:00'), [
        { id: 'c1', account: 'A1', service: 'compute', quantity: '24', occurredAt: '2026-03-09T10:00:00+08:00' },
      ]);
      await run(t, '2026-03-10T00:30:00+08:00');
      const before = await ledgerSnapshot(t.db);
      const again = await run(t, '2026-03-10T00:35:00+08:00');
      expect(again.usage.lines + again.lateUsage.lines + again.outageCredits.lines).toBe(0);
      expect(await ledgerSnapshot(t.db)).toEqual(before);
    });

    it('late usage for a settled day is billed at the next run as a supplementary line; the day total is one rounding of all its usage', async () => {
      await reportUsage(t.db, new Date('2026-03-09T12:00:00+08:00'), [
        { id: 'u1', account: 'A1', service: 'compute', quantity: '0.1', occurredAt: '2026-03-09T10:00:00+08:00' },
      ]);
      await run(t, '2026-03-10T00:30:00+08:00'); // 0.1 × 0.12 = 1.2 fen → 1
      await reportUsage(t.db, new Date('2026-03-10T09:00:00+08:00'), [
        { id: 'u2', account: 'A1', service: 'compute', quantity: '0.025', occurredAt: '2026-03-09T11:00:00+08:00' },
        { id: 'u1', account: 'A1', service: 'compute', quantity: '0.1', occurredAt: '2026-03-09T10:00:00+08:00' }, // duplicate
      ]);
      const next = await run(t, '2026-03-10T09:05:00+08:00');
      expect(next.lateUsage).toMatchObject({ lines: 1, days: ['2026-03-09'] });
      // 0.125 × 0.12 = 1.5 fen → 2 in total, so the supplement is 1 fen
      expect(await chargeLinesOf(t.db, 'A1')).toEqual([
        expect.objectContaining({ key: 'charge:A1:compute:2026-03-09', kind: 'usage', quantity: '0.100000000', net: 1n }),
        expect.objectContaining({ key: 'charge:A1:compute:2026-03-09:s1', kind: 'late_usage', quantity: '0.025000000', net: 1n }),
      ]);
      const again = await run(t, '2026-03-10T09:10:00+08:00');
      expect(again.lateUsage.lines).toBe(0);
      expect((await verifyBooks(t.db)).ok).toBe(true);
    });

    it('a day with no usage posts nothing and is still settled', async () => {
      await reportUsage(t.db, new Date('2026-03-08T12:00:00+08:00'), [
        { id: 'u1', account: 'A1', service: 'storage', quantity: '100', occurredAt: '2026-03-08T10:00:00+08:00' },
      ]);
      await reportUsage(t.db, new Date('2026-03-10T12:00:00+08:00'), [
        { id: 'u2', account: 'A1', service: 'storage', quantity: '100', occurredAt: '2026-03-10T10:00:00+08:00' },
      ]);
      const summary = await run(t, '2026-03-11T00:30:00+08:00');
      expect(summary.settledDays).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
      expect((await chargeLinesOf(t.db, 'A1')).map((l) => l.key)).toEqual(['charge:A1:storage:2026-03-08', 'charge:A1:storage:2026-03-10']);
      expect(await chargeLinesOf(t.db, 'A2')).toEqual([]);
    });

    it('a tax rule changing at midnight applies from its service day on', async () => {
      await t.db.insert(services).values({ id: 'line', name: 'Leased line', unit: 'port-day' }).onConflictDoNothing();
      await t.db.insert(prices).values({ serviceId: 'line', effectiveFrom: '2000-01-01', unitPrice: '10', unit: 'port-day', taxCategory: 'test_switch' }).onConflictDoNothing();
      await t.db
        .insert(taxRules)
        .values([
          { category: 'test_switch', kind: 'business_tax', rate: '0.03', effectiveFrom: '2000-01-01' },
          { category: 'test_switch', kind: 'vat', rate: '0.09', effectiveFrom: '2026-03-10' },
        ])
        .onConflictDoNothing();
      await reportUsage(t.db, new Date('2026-03-10T01:00:00+08:00'), [
        { id: 'before', account: 'A1', service: 'line', quantity: '1', occurredAt: '2026-03-09T23:59:59.999+08:00' },
        { id: 'after', account: 'A1', service: 'line', quantity: '1', occurredAt: '2026-03-10T00:00:00+08:00' },
      ]);
      await run(t, '2026-03-11T00:30:00+08:00');
      const rows = await queryRows<{ key: string; tax_kind: string; tax_rate: string; tax: string }>(
        t.db,
        sql`select idempotency_key as key, tax_kind, tax_rate::text as tax_rate, tax_fen::text as tax from charge_lines where service_id = 'line' order by service_day`,
      );
      expect(rows).toEqual([
        { key: 'charge:A1:line:2026-03-09', tax_kind: 'business_tax', tax_rate: '0.030000', tax: '30' },
        { key: 'charge:A1:line:2026-03-10', tax_kind: 'vat', tax_rate: '0.090000', tax: '90' },
      ]);
      const payable = await queryRows<{ id: string; total: string }>(
        t.db,
        sql`select ledger_account_id as id, sum(amount_fen)::text as total from ledger_postings
            where ledger_account_id in ('operator:vat_payable', 'operator:business_tax_payable') group by 1 order by 1`,
      );
      expect(payable).toEqual([
        { id: 'operator:business_tax_payable', total: '30' },
        { id: 'operator:vat_payable', total: '90' },
      ]);
    });
  });

  describe('outage credits', () => {
    beforeEach(async () => {
      await resetBilling(t.db);
      await addAccounts(t.db, 'A1', 'A2');
      for (const id of ['A1', 'A2']) {
        await creditWallet(t.db, { accountId: id, amountFen: 100_000n, idempotencyKey: `seed:${id}`, source: 'top_up', now: new Date('2026-03-01T00:00:00Z') });
      }
      // Each account uses ¥24.00 + ¥1.44 VAT of compute a day on 03-09 and 03-10.
      await reportUsage(t.db, new Date('2026-03-09T00:10:00+08:00'), [
        { id: 'a1-9', account: 'A1', service: 'compute', quantity: '200', occurredAt: '2026-03-09T00:05:00+08:00' },
        { id: 'a2-9', account: 'A2', service: 'compute', quantity: '200', occurredAt: '2026-03-09T00:05:00+08:00' },
      ]);
      await reportUsage(t.db, new Date('2026-03-10T00:10:00+08:00'), [
        { id: 'a1-10', account: 'A1', service: 'compute', quantity: '200', occurredAt: '2026-03-10T00:05:00+08:00' },
        { id: 'a2-10', account: 'A2', service: 'compute', quantity: '200', occurredAt: '2026-03-10T00:05:00+08:00' },
      ]);
    });

    const credits = async (accountId: string) => (await chargeLinesOf(t.db, accountId)).filter((l) => l.kind === 'sla_credit');

    it('an outage reported before settlement is credited in the same run as the charge, split at midnight', async () => {
      // 23:00 → 01:00 over midnight: 60 minutes on each day; 2400 × 60 / 1440 = 100 fen; 144 × 60 / 1440 = 6 fen
      await reportIncident(t.db, new Date('2026-03-10T01:00:00+08:00'), {
        id: 'inc-1',
        service: 'compute',
        startedAt: '2026-03-09T23:00:00+08:00',
        endedAt: '2026-03-10T01:00:00+08:00',
      });
      const first = await run(t, '2026-03-10T00:30:00+08:00');
      expect(first.outageCredits.lines).toBe(2); // A1 and A2 for 03-09
      expect(await credits('A1')).toEqual([
        expect.objectContaining({ key: 'sla:A1:compute:2026-03-09', quantity: '60.000000000', net: -100n, tax: -6n, gross: -106n }),
      ]);
      await run(t, '2026-03-11T00:30:00+08:00');
      expect((await credits('A1')).map((c) => [c.key, c.gross])).toEqual([
        ['sla:A1:compute:2026-03-09', -106n],
        ['sla:A1:compute:2026-03-10', -106n],
      ]);
      expect((await verifyBooks(t.db)).ok).toBe(true);
    });

    it('an outage for a settled day is credited at the next run; a later overlapping incident adds only its extra minutes', async () => {
      await run(t, '2026-03-10T00:30:00+08:00');
      await reportIncident(t.db, new Date('2026-03-10T08:00:00+08:00'), {
        id: 'inc-1',
        service: 'compute',
        startedAt: '2026-03-09T10:00:00+08:00',
        endedAt: '2026-03-09T10:30:00+08:00',
        accounts: ['A1'],
      });
      await run(t, '2026-03-10T08:05:00+08:00');
      expect((await credits('A1')).map((c) => [c.key, c.quantity, c.net, c.tax])).toEqual([['sla:A1:compute:2026-03-09', '30.000000000', -50n, -3n]]);
      expect(await credits('A2')).toEqual([]);
      await reportIncident(t.db, new Date('2026-03-10T09:00:00+08:00'), {
        id: 'inc-2',
        service: 'compute',
        startedAt: '2026-03-09T10:15:00+08:00',
        endedAt: '2026-03-09T10:45:00+08:00',
        accounts: ['A1'],
      });
      await run(t, '2026-03-10T09:05:00+08:00');
      // union 10:00–10:45 = 45 min → 75 fen net, 4.5 → 5 fen tax in total
      expect((await credits('A1')).map((c) => [c.key, c.quantity, c.net, c.tax])).toEqual([
        ['sla:A1:compute:2026-03-09', '30.000000000', -50n, -3n],
        ['sla:A1:compute:2026-03-09:s1', '15.000000000', -25n, -2n],
      ]);
      const again = await run(t, '2026-03-10T09:10:00+08:00');
      expect(again.outageCredits.lines).toBe(0);
    });

    it('a repeated incident id changes nothing; a different end for a resolved incident is refused', async () => {
      const incident = { id: 'inc-1', service: 'compute', startedAt: '2026-03-09T10:00:00+08:00', endedAt: '2026-03-09T11:00:00+08:00' };
      await reportIncident(t.db, new Date('2026-03-10T08:00:00+08:00'), incident);
      expect(await recordIncident(t.db, incident, { now: new Date('2026-03-10T08:01:00+08:00'), timeZone: TZ })).toEqual({ ok: true, accepted: 0, duplicates: 1 });
      const moved = await recordIncident(t.db, { ...incident, endedAt: '2026-03-09T23:00:00+08:00' }, { now: new Date('2026-03-10T08:01:00+08:00'), timeZone: TZ });
      expect(moved).toMatchObject({ ok: false, code: 'already_resolved', field: 'endedAt' });
      await run(t, '2026-03-10T08:05:00+08:00');
      expect((await credits('A1')).map((c) => c.quantity)).toEqual(['60.000000000']);
    });

    it('an ongoing incident credits nothing until it ends; then every day it touched is credited by the usual rule', async () => {
      // Ongoing from 03-09 22:00 (settled at 03-10 00:30 without a credit), resolved at 03-10 02:00:
      // 120 minutes on 03-09 → 2400 × 120 / 1440 = 200 fen, 144 × 120 / 1440 = 12 fen; 120 minutes on 03-10 likewise.
      await reportIncident(t.db, new Date('2026-03-09T22:01:00+08:00'), { id: 'inc-1', service: 'compute', startedAt: '2026-03-09T22:00:00+08:00', accounts: ['A1'] });
      const settled = await run(t, '2026-03-10T00:30:00+08:00');
      expect(settled.settledDays).toEqual(['2026-03-09']);
      expect(await credits('A1')).toEqual([]);
      await reportIncident(t.db, new Date('2026-03-10T02:00:00+08:00'), {
        id: 'inc-1',
        service: 'compute',
        startedAt: '2026-03-09T22:00:00+08:00',
        endedAt: '2026-03-10T02:00:00+08:00',
        status: 'resolved',
      });
      await run(t, '2026-03-10T02:05:00+08:00');
      expect((await credits('A1')).map((c) => [c.key, c.quantity, c.net, c.tax])).toEqual([['sla:A1:compute:2026-03-09', '120.000000000', -200n, -12n]]);
      await run(t, '2026-03-11T00:30:00+08:00');
      expect((await credits('A1')).map((c) => [c.key, c.quantity])).toEqual([
        ['sla:A1:compute:2026-03-09', '120.000000000'],
        ['sla:A1:compute:2026-03-10', '120.000000000'],
      ]);
      expect(await credits('A2')).toEqual([]);
      expect((await verifyBooks(t.db)).ok).toBe(true);
    });

    it('late usage raising the day fee raises the credit by a supplementary line', async () => {
      await reportIncident(t.db, new Date('2026-03-10T08:00:00+08:00'), {
        id: 'inc-1',
        service: 'compute',
        startedAt: '2026-03-09T00:00:00+08:00',
        endedAt: '2026-03-09T12:00:00+08:00',
      });
      await run(t, '2026-03-10T08:05:00+08:00');
      expect((await credits('A1')).map((c) => c.gross)).toEqual([-1272n]); // half of 2400 + 144
      await reportUsage(t.db, new Date('2026-03-10T09:00:00+08:00'), [
        { id: 'late', account: 'A1', service: 'compute', quantity: '200', occurredAt: '2026-03-09T20:00:00+08:00' },
      ]);
      await run(t, '2026-03-10T09:05:00+08:00');
      expect((await credits('A1')).map((c) => [c.key, c.net, c.tax])).toEqual([
        ['sla:A1:compute:2026-03-09', -1200n, -72n],
        ['sla:A1:compute:2026-03-09:s1', -1200n, -72n],
      ]);
      expect((await verifyBooks(t.db)).ok).toBe(true);
    });

    it('compensation never exceeds the fee of the day (whole-day outage = the whole fee, once)', async () => {
      for (const id of ['inc-1', 'inc-2']) {
        await reportIncident(t.db, new Date('2026-03-10T08:00:00+08:00'), {
          id,
          service: 'compute',
          startedAt: '2026-03-09T00:00:00+08:00',
          endedAt: '2026-03-10T00:00:00+08:00',
        });
      }
      await run(t, '2026-03-10T08:05:00+08:00');
      const lines = await chargeLinesOf(t.db, 'A1');
      const day = lines.filter((l) => l.key.includes('2026-03-09'));
      expect(day.reduce((sum, l) => sum + l.gross, 0n)).toBe(0n);
    });
  });
});
