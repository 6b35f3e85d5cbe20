import { sql } from 'drizzle-orm';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { sharedSecretsFrom } from '@/lib/config';
import { verifyBooks } from '@/lib/billing/verify-books';
import { queryRows } from '@/lib/db/sql-rows';
import { startTopUp } from '@/lib/payments/create-top-up';
import { sandboxProvider } from '@/lib/payments/sandbox-provider';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from '@/lib/payments/sandbox-signature';
import type { SandboxEvent } from '@/lib/payments/sandbox/sandbox-event';
import { createDrillDatabase } from './database';
import { DRILL_AUTH_SECRET, ensureDrillBuild, postInternal, startInstances, type Instance } from './instances';
import { seedSettlementPopulation, settledDay, textArray } from './population';

export interface PaymentsDrillOptions {
  /** Accounts the concurrent billing run settles (besides the payers). */
  accounts: number;
  payments: number;
  /** Webhook deliveries in all; `replayShare` of them byte-identical replays of an earlier one. */
  notifications: number;
  replayShare?: number;
  /** Requests in flight at once (half to each instance on average). */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface PaymentsDrillResult {
  instances: number;
  notifications: number;
  replays: number;
  payments: number;
  credited: number;
  doubleCredits: number;
  uncredited: number;
  ledgerOk: boolean;
  walletMismatches: number;
  settledLines: number;
  expectedLines: number;
  billingRuns: string[];
  statuses: Record<string, number>;
  serverErrors: number;
  noAnswer: number;
  seconds: number;
  /** Problems found (empty: nothing lost). */
  losses: string[];
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

interface Delivery {
  instance: number;
  body: string;
  signature: string;
}

/**
 * Drill 1: two real instances on one PostgreSQL database receive the sandbox provider's signed
 * payment notifications (retries, byte-identical replays, random order, each to a random instance)
 * while both run billing over `accounts` accounts. Every payment must be credited exactly once, the
 * ledger must verify (cached balances = Σ postings), every day's line must be settled, no 5xx.
 */
export async function runPaymentsDrill(options: PaymentsDrillOptions): Promise<PaymentsDrillResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const database = await createDrillDatabase('portal_drill1', { poolSize: 8 });
  const instances: Instance[] = [];
  try {
    await ensureDrillBuild();
    // Both at once on the empty database: migrations under the advisory lock, seeding side by side.
    log(`drill 1: starting two instances on ${database.name}`);
    instances.push(...(await startInstances([{ name: 'a', databaseUrl: database.url }, { name: 'b', databaseUrl: database.url }])));
    const db = database.db;
    const now = new Date();
    const day = settledDay(now);

    const payerCount = Math.max(1, Math.ceil(options.payments / 4));
    const payers = [];
    for (let i = 0; i < payerCount; i++) payers.push(await createUserWithAccount(db, { email: `payer-${i}@drill.test`, name: `Payer ${i}`, now }));
    const provider = sandboxProvider({ webhookSecret: sharedSecretsFrom(DRILL_AUTH_SECRET).webhookSecret });
    const payments: { paymentId: string; checkoutId: string; amountFen: bigint }[] = [];
    for (let i = 0; i < options.payments; i++) {
      const payer = payers[i % payers.length];
      const amountFen = BigInt(100 + ((i * 3_7919) % 500_000));
      const result = await startTopUp(db, provider, { accountId: payer.accountId, actor: { userId: payer.id, name: payer.name }, amountFen, limits: { minFen: 100n, maxFen: 5_000_000n }, description: 'Drill top-up', now });
      const [row] = await queryRows<{ provider_payment_id: string }>(db, sql`select provider_payment_id from payments where id = ${result.paymentId}`);
      payments.push({ paymentId: result.paymentId, checkoutId: row.provider_payment_id, amountFen });
    }
    log(`drill 1: ${payments.length} pending payments of ${payers.length} payers; seeding ${options.accounts} accounts with usage on ${day}`);
    await seedSettlementPopulation(db, { prefix: 'DRL', count: options.accounts, day, usageFor: payers.map((p) => p.accountId) });

    // The plan: every payment at least once, provider retries (a new signature over the same event)
    // for the rest of the originals, and replays (the very same bytes again) for `replayShare`.
    const replays = Math.round(options.notifications * (options.replayShare ?? 0.3));
    const originals = options.notifications - replays;
    if (originals < payments.length) throw new Error(`${options.notifications} notifications cannot carry ${payments.length} payments with ${replays} replays`);
    const originalPlan = shuffle([...payments, ...Array.from({ length: originals - payments.length }, () => payments[Math.floor(Math.random() * payments.length)])]);
    const kinds = shuffle([...Array<'o'>(originals).fill('o'), ...Array<'r'>(replays).fill('r')]);
    if (kinds[0] === 'r') {
      kinds[kinds.indexOf('o')] = 'r';
      kinds[0] = 'o';
    }
    const secret = sharedSecretsFrom(DRILL_AUTH_SECRET).webhookSecret;
    const sent: Delivery[] = [];
    let nextOriginal = 0;
    const nextDelivery = (): Delivery => {
      const instance = Math.random() < 0.5 ? 0 : 1;
      if (kinds[sent.length] === 'r' && sent.length > 0) {
        // One of the last 500 sent: a captured delivery replayed later than the signature's
        // tolerance (5 minutes) is refused with 400, rightly; the drill checks the in-window case.
        const window = Math.min(sent.length, 500);
        const earlier = sent[sent.length - 1 - Math.floor(Math.random() * window)];
        return { ...earlier, instance };
      }
      const p = originalPlan[nextOriginal++];
      const event: SandboxEvent = {
        id: `evt_${p.checkoutId}_succeeded`,
        type: 'payment.succeeded',
        created: Math.floor(Date.now() / 1000),
        data: { object: { id: p.checkoutId, reference: p.paymentId, amount: Number(p.amountFen), currency: 'CNY', status: 'succeeded', failure_code: null } },
      };
      const body = JSON.stringify(event);
      return { instance, body, signature: signSandboxPayload(body, secret, Math.floor(Date.now() / 1000)) };
    };

    const statuses: Record<string, number> = {};
    let noAnswer = 0;
    const deliver = async (d: Delivery) => {
      try {
        const response = await fetch(`${instances[d.instance].url}/api/payments/webhook/sandbox`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: d.signature },
          body: d.body,
          signal: AbortSignal.timeout(120_000),
        });
        await response.arrayBuffer();
        statuses[String(response.status)] = (statuses[String(response.status)] ?? 0) + 1;
      } catch {
        noAnswer += 1;
      }
    };

    log(`drill 1: ${options.notifications} notifications (${replays} replays) to two instances while both run billing`);
    const billing = Promise.all(
      instances.map(async (instance) => {
        const response = await postInternal(instance, 'billing', { now: now.toISOString() }, AbortSignal.timeout(1_800_000)).catch((e: Error) => e);
        if (response instanceof Error) return `${instance.name}: no answer (${response.message})`;
        await response.arrayBuffer();
        return `${instance.name}: ${response.status}`;
      }),
    );
    const concurrency = options.concurrency ?? 32;
    let issued = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (issued < options.notifications) {
          const d = nextDelivery();
          issued += 1;
          sent.push(d);
          await deliver(d);
        }
      }),
    );
    const billingRuns = await billing;
    log(`drill 1: deliveries done (${JSON.stringify(statuses)}), billing ${billingRuns.join(', ')}`);

    const ids = payments.map((p) => p.paymentId);
    const [credits] = await queryRows<{ credited: number; distinct_credited: number; uncredited: number }>(
      db,
      sql`select (select count(*)::int from ledger_transfers where kind = 'top_up' and reference = any(${textArray(ids)})) as credited,
                 (select count(distinct reference)::int from ledger_transfers where kind = 'top_up' and reference = any(${textArray(ids)})) as distinct_credited,
                 (select count(*)::int from payments p where p.id = any(${textArray(ids)})
                    and not exists (select 1 from ledger_transfers t where t.kind = 'top_up' and t.reference = p.id)) as uncredited`,
    );
    const payerIds = payers.map((p) => p.accountId);
    const [lines] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from charge_lines where service_day = ${day}::date and kind in ('usage', 'late_usage') and (account_id like 'DRL%' or account_id = any(${textArray(payerIds)}))`,
    );
    const ledger = await verifyBooks(db);
    const expectedLines = (options.accounts + payers.length) * 3;
    const serverErrors = Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
    const losses: string[] = [];
    if (credits.credited - credits.distinct_credited > 0) losses.push(`${credits.credited - credits.distinct_credited} payments credited twice`);
    if (credits.uncredited > 0) losses.push(`${credits.uncredited} payments never credited`);
    if (!ledger.ok) losses.push(`ledger does not verify: ${JSON.stringify({ total: String(ledger.totalFen), unbalanced: ledger.unbalancedTransfers.length, wallets: ledger.walletMismatches.length, refs: ledger.brokenReferences.length, running: ledger.runningBalanceMismatches.length })}`);
    if (lines.n !== expectedLines) losses.push(`${lines.n} of ${expectedLines} usage lines settled`);
    if (serverErrors > 0) losses.push(`${serverErrors} responses were 5xx`);
    if (noAnswer > 0) losses.push(`${noAnswer} deliveries got no answer`);
    const other = Object.entries(statuses).filter(([s]) => s !== '200' && Number(s) < 500);
    if (other.length) losses.push(`unexpected statuses: ${JSON.stringify(Object.fromEntries(other))}`);
    if (billingRuns.some((r) => !r.endsWith(': 200'))) losses.push(`billing runs: ${billingRuns.join(', ')}`);
    return {
      instances: instances.length,
      notifications: options.notifications,
      replays,
      payments: payments.length,
      credited: credits.distinct_credited,
      doubleCredits: credits.credited - credits.distinct_credited,
      uncredited: credits.uncredited,
      ledgerOk: ledger.ok,
      walletMismatches: ledger.walletMismatches.length,
      settledLines: lines.n,
      expectedLines,
      billingRuns,
      statuses,
      serverErrors,
      noAnswer,
      seconds: Math.round((Date.now() - started) / 1000),
      losses,
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await database.drop();
  }
}
