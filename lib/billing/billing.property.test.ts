import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { creditWallet } from './credit-wallet';
import { recordIncident } from './record-incident';
import { recordUsage } from './record-usage';
import { runDueBilling } from './run-due-billing';
import { addAccounts, createBillingTestDatabase, ledgerSnapshot, resetBilling, TZ } from './testing';

const HOUR = 3_600_000;
const T0 = new Date('2026-03-01T06:00:00+08:00').getTime();
const ACCOUNTS = ['P1', 'P2'] as const;
/** The demo catalogue's prices in fen per unit and VAT rates in per cent (RULES §2). */
const SERVICES = { compute: { priceFen: 12n, ratePercent: 6n }, traffic: { priceFen: 80n, ratePercent: 9n } } as const;
type Service = keyof typeof SERVICES;

/*
 * The oracle: the rules of docs/RULES.md §2 and §5 written again from their text, in integer
 * arithmetic, without the implementation's functions (no lib/money rounding, no outage-minutes).
 */

/** round_half_up(numerator / denominator) for non-negative integers. */
const halfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);

/** Quantities are written with three decimals ("12.345"): in thousandths of a unit. */
const thousandths = (quantity: string) => BigInt(quantity.replace('.', ''));

/** §2: net = round_half_up(Σ quantity × unit price), tax = round_half_up(net × rate). */
function expectedCharge(service: Service, quantityThousandths: bigint): { net: bigint; tax: bigint } {
  const net = halfUp(quantityThousandths * SERVICES[service].priceFen, 1000n);
  return { net, tax: halfUp(net * SERVICES[service].ratePercent, 100n) };
}

/**
 * §5: the day's unavailable minutes — the instants of the day covered by at least one incident,
 * found by sweeping the incidents' start and end points; each continuous stretch counted in
 * minutes, a partial minute as a whole one.
 */
function expectedMinutes(incidents: { start: number; end: number }[], dayStart: number, dayEnd: number): number {
  const points: [number, number][] = [];
  for (const i of incidents) {
    const start = Math.max(i.start, dayStart);
    const end = Math.min(i.end, dayEnd);
    if (end > start) points.push([start, +1], [end, -1]);
  }
  points.sort((a, b) => a[0] - b[0] || b[1] - a[1]); // at one instant, starts before ends: touching stretches join
  let depth = 0;
  let stretchStart = 0;
  let minutes = 0;
  for (const [at, change] of points) {
    if (depth === 0 && change > 0) stretchStart = at;
    depth += change;
    if (depth === 0) minutes += Math.ceil((at - stretchStart) / 60_000);
  }
  return minutes;
}

/** §5: credit = the day's fee × minutes / 1440, net and tax each rounded half up and capped at the fee. */
function expectedCredit(fee: { net: bigint; tax: bigint }, minutes: number): { net: bigint; tax: bigint } {
  if (minutes === 0 || fee.net === 0n) return { net: 0n, tax: 0n };
  const part = (fen: bigint) => {
    const prorated = halfUp(fen * BigInt(minutes), 1440n);
    return prorated > fen ? fen : prorated;
  };
  return { net: part(fee.net), tax: part(fee.tax) };
}

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
          const verification = await verifyBooks(t.db);
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
        // Service days in Shanghai (UTC+8, no daylight saving time): a day is [00:00+08:00, +24 h).
        const totals = new Map<string, bigint>();
        for (const u of usage) {
          const day = new Date(u.at + 8 * HOUR).toISOString().slice(0, 10);
          const key = `${u.account}|${u.service}|${day}`;
          totals.set(key, (totals.get(key) ?? 0n) + thousandths(u.quantity));
        }
        for (const [key, qty] of totals) {
          const [account, svc, day] = key.split('|');
          const fee = expectedCharge(svc as Service, qty);
          expect(billed.get(`${key}|usage`) ?? { net: 0n, tax: 0n }, key).toEqual(fee);
          const intervals = incidents.filter((i) => i.service === svc && (i.account === null || i.account === account));
          const dayStart = Date.parse(`${day}T00:00:00+08:00`);
          const credit = expectedCredit(fee, expectedMinutes(intervals, dayStart, dayStart + 24 * HOUR));
          expect(billed.get(`${key}|credit`) ?? { net: 0n, tax: 0n }, `${key} credit`).toEqual({ net: -credit.net, tax: -credit.tax });
        }
      }),
      { numRuns: kind === 'pglite' ? 10 : 6, endOnFailure: true },
    );
  });
});
