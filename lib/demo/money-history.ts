import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { getWalletSnapshot } from '@/lib/billing/account-status';
import { queryRows } from '@/lib/db/sql-rows';
import { lastSettledDay } from '@/lib/billing/billing-context';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { storeIncident } from '@/lib/billing/record-incident';
import { storeUsage, type StoredUsage } from '@/lib/billing/record-usage';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { addDays, dayStart, serviceDayOf } from '@/lib/billing/service-day';

const HOUR = 3_600_000;
const DAYS = 182;

interface Profile {
  email: string;
  /** Per-event quantity ranges (min, spread), 4 compute, 1 storage and 2 traffic events a day. */
  compute: [number, number];
  storage: [number, number];
  traffic: [number, number];
  openingFen: bigint;
  lowWaterFen: bigint;
  topUpFen: bigint;
  /** Stops topping up from this day until suspended, then pays three days later (one suspension with penalties). */
  lapseFromDay: number | null;
  finalFloorFen: bigint;
}

const PROFILES: Profile[] = [
  {
    email: 'alice@demo.test',
    compute: [11.5, 1],
    storage: [48, 6],
    traffic: [1, 1],
    openingFen: 30_000n,
    lowWaterFen: 12_000n,
    topUpFen: 30_000n,
    lapseFromDay: 100,
    finalFloorFen: 20_000n,
  },
  {
    email: 'bob@demo.test',
    compute: [380, 20],
    storage: [1_950, 150],
    traffic: [80, 40],
    openingFen: 3_000_000n,
    lowWaterFen: 600_000n,
    topUpFen: 2_000_000n,
    lapseFromDay: null,
    finalFloorFen: 1_000_000n,
  },
];

/** Deterministic pseudo-random numbers (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const amount = (next: () => number, [min, spread]: [number, number]) => (min + next() * spread).toFixed(3);

function usageFor(accountId: string, profile: Profile, seed: number, firstDay: string, timeZone: string, settledThrough: string | null): StoredUsage[] {
  const next = random(seed);
  const rows: StoredUsage[] = [];
  let n = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(firstDay, d);
    const start = dayStart(day, timeZone).getTime();
    const event = (serviceId: string, hour: number, quantity: string) => {
      // Arrives in real time; only days some earlier run already settled need the late-usage check.
      const late = settledThrough !== null && day <= settledThrough;
      rows.push({ id: `demo:${accountId}:u:${n++}`, accountId, serviceId, quantity, occurredAt: new Date(start + hour * HOUR), serviceDay: day, late });
    };
    for (const hour of [3, 9, 15, 21]) event('compute', hour, amount(next, profile.compute));
    event('storage', 23.5, amount(next, [profile.storage[0] * (1 + d / DAYS / 4), profile.storage[1]]));
    for (const hour of [12, 20]) event('traffic', hour, amount(next, profile.traffic));
  }
  return rows;
}

export interface DemoHistoryResult {
  seeded: string[];
  runs: number;
  ms: number;
}

/**
 * About six months of money history for the demo customers (looked up by email; nothing happens
 * for a missing one or one already seeded): daily usage of all three services, a couple of outages,
 * top-ups, and for alice one suspension whose penalties she later paid. Billing runs at historical
 * instants (weekly, plus around the suspension), so charges, credits and penalties come from the
 * same code as in production. Ends at `now` with healthy positive balances.
 */
export async function seedDemoMoneyHistory(db: Db, options: { now: Date; timeZone: string }): Promise<DemoHistoryResult> {
  const started = Date.now();
  const { now, timeZone } = options;
  const today = serviceDayOf(now, timeZone);
  const firstDay = addDays(today, -DAYS);
  const firstStart = dayStart(firstDay, timeZone).getTime();

  const settledThrough = await lastSettledDay(db);
  const accounts: { accountId: string; profile: Profile; topUps: number; lapse: 'no' | 'lapsing' | 'paid' }[] = [];
  for (const [index, profile] of PROFILES.entries()) {
    const [user] = await queryRows<{ account_id: string }>(db, sql`select account_id from users where lower(email) = ${profile.email} limit 1`);
    if (!user) continue;
    const [seeded] = await queryRows<{ id: string }>(db, sql`select id from usage_events where id = ${`demo:${user.account_id}:u:0`}`);
    if (seeded) continue;
    accounts.push({ accountId: user.account_id, profile, topUps: 0, lapse: profile.lapseFromDay === null ? 'no' : 'lapsing' });
    await storeUsage(db, usageFor(user.account_id, profile, 7919 * (index + 1), firstDay, timeZone, settledThrough), new Date(firstStart));
  }
  if (accounts.length === 0) return { seeded: [], runs: 0, ms: Date.now() - started };

  const alice = accounts.find((a) => a.profile.email === 'alice@demo.test');
  const bob = accounts.find((a) => a.profile.email === 'bob@demo.test');
  const at = (day: number, hours: number) => new Date(dayStart(addDays(firstDay, day), timeZone).getTime() + hours * HOUR);
  const outage = (id: string, serviceId: string, from: Date, to: Date, accountIds: string[] | null) =>
    storeIncident(db, { id, serviceId, startedAt: from, endedAt: to, accountIds, receivedAt: to }, timeZone);
  if (alice) await outage(`demo:${alice.accountId}:outage:1`, 'compute', at(40, 14), at(40, 16.5), [alice.accountId]);
  if (bob) await outage(`demo:${bob.accountId}:outage:1`, 'compute', at(120, 10), at(120, 10.7916), [bob.accountId]);
  await outage(`demo:${accounts[0].accountId}:outage:traffic`, 'traffic', at(75, 23 + 2 / 3), at(76, 0.4166), accounts.map((a) => a.accountId));

  const topUp = async (account: (typeof accounts)[number], fen: bigint, when: Date) => {
    account.topUps += 1;
    await creditWallet(db, {
      accountId: account.accountId,
      amountFen: fen,
      idempotencyKey: `demo:${account.accountId}:top-up:${account.topUps}`,
      source: 'top_up',
      reference: 'demo card payment',
      now: when,
    });
  };
  for (const account of accounts) await topUp(account, account.profile.openingFen, at(0, 9));

  let runs = 0;
  for (let day = 7; day < DAYS; day += 7) {
    const runAt = at(day, 0.5);
    await runDueBilling(db, { now: runAt, timeZone, jobs: [] });
    runs += 1;
    for (const account of accounts) {
      const wallet = await getWalletSnapshot(db, account.accountId);
      if (!wallet) continue;
      const lapsing = account.lapse === 'lapsing' && account.profile.lapseFromDay !== null && day >= account.profile.lapseFromDay;
      if (lapsing && wallet.suspendedAt) {
        // Pays three days after the suspension: two overdue days' penalties, then reinstated.
        await topUp(account, -wallet.balanceFen + account.profile.topUpFen + 1_000n, new Date(wallet.suspendedAt.getTime() + 3 * 24 * HOUR + 8.5 * HOUR));
        account.lapse = 'paid';
      } else if (!lapsing && wallet.balanceFen < account.profile.lowWaterFen) {
        await topUp(account, account.profile.topUpFen, at(day, 9));
      }
    }
  }
  await runDueBilling(db, { now, timeZone, jobs: [] });
  runs += 1;
  for (const account of accounts) {
    const wallet = await getWalletSnapshot(db, account.accountId);
    if (wallet && wallet.balanceFen < account.profile.finalFloorFen) await topUp(account, account.profile.topUpFen - wallet.balanceFen, now);
  }
  return { seeded: accounts.map((a) => a.accountId), runs, ms: Date.now() - started };
}
