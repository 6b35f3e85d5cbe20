import { runDueBilling } from '@/lib/billing/run-due-billing';
import { dayEnd, dayStart } from '@/lib/billing/service-day';
import { addAccounts, createBillingTestDatabase, reportIncident, reportUsage, TZ } from '@/lib/billing/testing';
import { creditWallet } from '@/lib/billing/credit-wallet';
import type { Db } from '@/lib/db/client';
import type { TestDatabase, TestDatabaseKind } from '@/lib/db/testing';
import type { InvoiceSeller } from './render-pdf';

/**
 * Fixtures for invoice tests. Charges are made the way production makes them: usage reported
 * through the billing engine and settled by its run (never inserted by hand), so an invoice test
 * covers real charge lines with their real rounding.
 */
export { TZ };

export const SELLER: InvoiceSeller = {
  name: '示例云计算有限公司 Example Cloud Co., Ltd.',
  taxId: '91110108MA01ABCD1E',
  address: '北京市海淀区示例路 1 号',
  bank: '示例银行北京分行 6222 0000 0000 0000',
};

export const ISSUE = { seller: SELLER, timeZone: TZ };

export async function createInvoiceTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  return createBillingTestDatabase(kind, { poolSize: 30 });
}

export interface UsageOfDay {
  /** YYYY-MM-DD service day. */
  day: string;
  service: 'compute' | 'storage' | 'traffic';
  /** Decimal string. */
  quantity: string;
}

export interface OutageOfDay {
  day: string;
  service: 'compute' | 'storage' | 'traffic';
  /** Minutes from 10:00 local time. */
  minutes: number;
}

let eventSerial = 0;

/**
 * Creates the account (with a top-up, so it stays active) and settles its usage and outages:
 * each day's usage is reported just after that day ends, then one billing run settles it all
 * (late usage and outage credits included).
 */
export async function settleCharges(db: Db, accountId: string, usage: UsageOfDay[], outages: OutageOfDay[] = []): Promise<void> {
  await addAccounts(db, accountId);
  const days = [...new Set([...usage.map((u) => u.day), ...outages.map((o) => o.day)])].sort();
  if (days.length === 0) return;
  await creditWallet(db, {
    accountId,
    amountFen: 100_000_000n,
    idempotencyKey: `test-top-up:${accountId}:${days[0]}`,
    source: 'top_up',
    now: dayStart(days[0], TZ),
  });
  for (const day of days) {
    const reportedAt = new Date(dayEnd(day, TZ).getTime() + 60_000);
    const noon = new Date(dayStart(day, TZ).getTime() + 12 * 3_600_000);
    const events = usage
      .filter((u) => u.day === day)
      .map((u) => ({ id: `u${(eventSerial += 1)}-${accountId}`, account: accountId, service: u.service, quantity: u.quantity, occurredAt: noon.toISOString() }));
    if (events.length > 0) await reportUsage(db, reportedAt, events);
    for (const outage of outages.filter((o) => o.day === day)) {
      const start = new Date(dayStart(day, TZ).getTime() + 10 * 3_600_000);
      await reportIncident(db, reportedAt, {
        id: `i${(eventSerial += 1)}-${accountId}`,
        service: outage.service,
        startedAt: start.toISOString(),
        endedAt: new Date(start.getTime() + outage.minutes * 60_000).toISOString(),
        accounts: [accountId],
      });
    }
  }
  await runDueBilling(db, { now: new Date(dayEnd(days[days.length - 1], TZ).getTime() + 3_600_000), timeZone: TZ, jobs: [] });
}
