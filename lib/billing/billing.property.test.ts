import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { queryRows } from '@/lib/ledger/sql-rows';
import { verifyLedger } from '@/lib/ledger/verify-ledger';
import { MoneyDecimal, applyRate, roundHalfUp } from '@/lib/money';
import { creditWallet } from './credit-wallet';
import { outageCredit, outageMinutesInDay } from './outage-minutes';
import { recordIncident } from './record-incident';
import { recordUsage } from './record-usage';
import { runDueBilling } from './run-due-billing';
import { dayEnd, dayStart } from './service-day';
import { addAccounts, createBillingTestDatabase, ledgerSnapshot, resetBilling, TZ } from './testing';

const HOUR = 3_600_000;
const T0 = new Date('2026-03-01T06:00:00+08:00').getTime();
const ACCOUNTS = ['P1', 'P2'] as const;
const SERVICES = { compute: { price: '0.12', rate: '0.06' }, traffic: { price: '0.80', rate: '0.09' } } as const;
type Service = keyof typeof SERVICES;

type Op =
  | { kind: 'usage'; account: number; service: Service; agoMinutes: number; quantity: string }
  | { kind: 'incident'; service: Service; agoMinutes: number; seconds: number; account: number | null }
  | { kind: 'credit'; account: number; fen: number }
  | { kind: 'run' }
  | { kind: 'repeat' }
  | { kind: 'wait'; hours: number };

const quantity = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, thousandths]) => `${whole}.${String(thousandths).padStart(3, '0')}`);
const service = fc.constantFrom<Service>('compute', 'traffic');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('usage' as const), account: fc.nat(1), service, agoMinutes: fc.nat(2 * 24 * 60), quantity }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('incident' as const),
      service,
      agoMinutes: fc.nat(2 * 24 * 60),
      seconds: fc.integer({ min: 1, max: 6 * 3600 }),
      account: fc.option(fc.nat(1), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('credit' as const), account: fc.nat(1), fen: fc.integer({ min: 1, max: 20_000 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'run' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'repeat' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 30 }) }) },
);

describe.each(testDatabaseKinds())('billing properties on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('any sequence of usage, incidents, credits and runs keeps Σ = 0 and balances = Σ postings; repeating any step changes nothing; all days converge to one rounding', async () => {
    let case_ = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 9 }), async (ops) => {
        case_ += 1;
        await resetBilling(t.db);
        await addAccounts(t.db, ...ACCOUNTS);
        let clock = T0;
        let last: (() => Promise<unknown>) | null = null;
        const usage: { account: string; service: Service; at: number; quantity: string }[] = [];
        const incidents: { service: Service; start: number; end: number; account: string | null }[] = [];
        let seq = 0;

        const run = async (at: number) => {
          await runDueBilling(t.db, { now: new Date(at), timeZone: TZ, jobs: [] });
          const verification = await verifyLedger(t.db);
          expect(verification.ok, JSON.stringify(verification, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toBe(true);
          // Serially posted, each wallet posting's balance-after is the running sum in transfer order.
          const chains = await queryRows<{ n: string }>(
            t.db,
            sql`select count(*)::text as n from (
                  select balance_after_fen, sum(amount_fen) over (partition by ledger_account_id order by transfer_id) as running
                  from ledger_postings where ledger_account_id like 'wallet:%') x
                where balance_after_fen is distinct from running`,
          );
          expect(chains[0].n).toBe('0');
          const before = await ledgerSnapshot(t.db);
          await runDueBilling(t.db, { now: new Date(at), timeZone: TZ, jobs: [] });
          expect(await ledgerSnapshot(t.db)).toEqual(before);
        };

        for (const step of ops) {
          seq += 1;
          if (step.kind === 'wait') clock += step.hours * HOUR;
          else if (step.kind === 'run') await run(clock);
          else if (step.kind === 'usage') {
            const at = Math.max(T0 - 6 * HOUR, clock - step.agoMinutes * 60_000);
            const event = { id: `c${case_}-u${seq}`, account: ACCOUNTS[step.account], service: step.service, quantity: step.quantity, occurredAt: new Date(at).toISOString() };
            const now = new Date(clock);
            last = () => recordUsage(t.db, [event], { now, timeZone: TZ });
            const result = await recordUsage(t.db, [event], { now, timeZone: TZ });
            expect(result.ok).toBe(true);
            usage.push({ account: event.account, service: step.service, at, quantity: step.quantity });
          } else if (step.kind === 'incident') {
            const start = Math.max(T0 - 6 * HOUR, clock - step.agoMinutes * 60_000);
            const end = Math.min(clock, start + step.seconds * 1000);
            if (end <= start) continue;
            const account = step.account === null ? null : ACCOUNTS[step.account];
            const input = {
              id: `c${case_}-i${seq}`,
              service: step.service,
              startedAt: new Date(start).toISOString(),
              endedAt: new Date(end).toISOString(),
              ...(account ? { accounts: [account] } : {}),
            };
            const now = new Date(clock);
            last = () => recordIncident(t.db, input, { now, timeZone: TZ });
            expect((await recordIncident(t.db, input, { now, timeZone: TZ })).ok).toBe(true);
            incidents.push({ service: step.service, start, end, account });
          } else if (step.kind === 'credit') {
            const credit = {
              accountId: ACCOUNTS[step.account],
              amountFen: BigInt(step.fen),
              idempotencyKey: `c${case_}-pay${seq}`,
              source: 'top_up' as const,
              now: new Date(clock),
            };
            last = () => creditWallet(t.db, credit);
            await creditWallet(t.db, credit);
          } else if (step.kind === 'repeat' && last) {
            const before = await ledgerSnapshot(t.db);
            const [{ n: usageBefore }] = await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from usage_events`);
            await last();
            expect(await ledgerSnapshot(t.db)).toEqual(before);
            const [{ n: usageAfter }] = await queryRows<{ n: string }>(t.db, sql`select count(*)::text as n from usage_events`);
            expect(usageAfter).toBe(usageBefore);
          }
        }

        // Long after: every day settled. Each (account, service, day) was billed exactly one
        // rounding of all its usage, and credited exactly what its fee and minutes call for.
        clock += 3 * 24 * HOUR;
        await run(clock);
        const lines = await queryRows<{ account_id: string; service_id: string; day: string; kind: string; net: string; tax: string }>(
          t.db,
          sql`select account_id, service_id, service_day::text as day, case when kind = 'sla_credit' then 'credit' else 'usage' end as kind,
                     sum(net_fen)::text as net, sum(tax_fen)::text as tax
              from charge_lines group by 1, 2, 3, 4`,
        );
        const billed = new Map(lines.map((l) => [`${l.account_id}|${l.service_id}|${l.day}|${l.kind}`, { net: BigInt(l.net), tax: BigInt(l.tax) }]));
        const totals = new Map<string, MoneyDecimal>();
        for (const u of usage) {
          const day = new Date(u.at + 8 * HOUR).toISOString().slice(0, 10);
          const key = `${u.account}|${u.service}|${day}`;
          totals.set(key, (totals.get(key) ?? new MoneyDecimal(0)).plus(u.quantity));
        }
        for (const [key, qty] of totals) {
          const [account, svc, day] = key.split('|');
          const net = roundHalfUp(qty.times(SERVICES[svc as Service].price).times(100));
          const tax = applyRate(net, SERVICES[svc as Service].rate);
          expect(billed.get(`${key}|usage`) ?? { net: 0n, tax: 0n }, key).toEqual({ net, tax });
          const intervals = incidents.filter((i) => i.service === svc && (i.account === null || i.account === account));
          const minutes = outageMinutesInDay(intervals, dayStart(day, TZ).getTime(), dayEnd(day, TZ).getTime());
          const credit = outageCredit({ netFen: net, taxFen: tax }, minutes);
          expect(billed.get(`${key}|credit`) ?? { net: 0n, tax: 0n }, `${key} credit`).toEqual({ net: -credit.netFen, tax: -credit.taxFen });
        }
      }),
      { numRuns: kind === 'pglite' ? 10 : 6, endOnFailure: true },
    );
  });
});
