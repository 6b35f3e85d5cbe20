import type { Db } from '@/lib/db/client';
import { withBillingLock } from './billing-lock';
import type { BillingHooks, LineTotals } from './billing-context';
import { settleOutageCredits } from './outage-credits';
import { postDuePenalties, type PostedPenalty } from './penalties';
import { settleCompletedDays, settleLateUsage } from './settle-usage';
import { applyWalletAttention, walletsNeedingStatusChange } from './wallet-status';

/** Extra work a billing run does after its own (e.g. the activity-record retention purge). */
export interface BillingJob {
  name: string;
  run: (db: Db, ctx: { now: Date; timeZone: string }) => Promise<string | void>;
}

/**
 * Jobs every billing run performs after posting, in order. Add to it at start-up
 * (`billingJobs.push({ name: 'retention', run: purgeOldActivity })`); a failing job is reported in
 * the run's summary and does not undo the billing. Kept on globalThis so the server's scheduler and
 * the Next.js bundle (the internal billing route), two module graphs, share one list.
 */
const jobsHolder = globalThis as unknown as { __portalBillingJobs?: BillingJob[] };
export const billingJobs: BillingJob[] = (jobsHolder.__portalBillingJobs ??= []);

export interface BillingRunSummary {
  now: string;
  timeZone: string;
  /** Service days settled for the first time. */
  settledDays: string[];
  usage: LineTotals;
  lateUsage: LineTotals & { days: string[] };
  outageCredits: LineTotals & { days: string[] };
  penalties: { count: number; amountFen: bigint; items: PostedPenalty[] };
  suspended: string[];
  reinstated: string[];
  jobs: { name: string; ok: boolean; result: string | null }[];
  durationMs: number;
}

export interface RunDueBillingOptions {
  now: Date;
  timeZone: string;
  /** Defaults to `billingJobs`. */
  jobs?: BillingJob[];
  hooks?: BillingHooks;
}

/**
 * All billing work due at `now` (CONTRACT `npm run billing`): overdue penalties (first, so they are
 * computed on the arrears at each period's end), settlement of completed days, late usage, outage
 * credits, then suspensions/reinstatements for the balances this instant left, then extra jobs.
 * Every step is idempotent and holds the billing lock, so any number of instances may run it.
 */
export async function runDueBilling(db: Db, options: RunDueBillingOptions): Promise<BillingRunSummary> {
  const started = Date.now();
  const ctx = { now: options.now, timeZone: options.timeZone, hooks: options.hooks };
  const penalties = await postDuePenalties(db, ctx);
  const settled = await settleCompletedDays(db, ctx);
  const late = await settleLateUsage(db, ctx);
  const credits = await settleOutageCredits(db, ctx);

  const transitions = await withBillingLock(db, async (tx) => {
    const attention = [...penalties.attention, ...settled.attention, ...late.attention, ...credits.attention, ...(await walletsNeedingStatusChange(tx))];
    return applyWalletAttention(tx, attention, options.now);
  });

  const jobs: BillingRunSummary['jobs'] = [];
  for (const job of options.jobs ?? billingJobs) {
    try {
      const result = await job.run(db, { now: options.now, timeZone: options.timeZone });
      jobs.push({ name: job.name, ok: true, result: result ?? null });
    } catch (error) {
      jobs.push({ name: job.name, ok: false, result: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    now: options.now.toISOString(),
    timeZone: options.timeZone,
    settledDays: settled.days,
    usage: settled.totals,
    lateUsage: { ...late.totals, days: late.days },
    outageCredits: { ...credits.totals, days: credits.days },
    penalties: {
      count: penalties.penalties.length,
      amountFen: penalties.penalties.reduce((sum, p) => sum + p.amountFen, 0n),
      items: penalties.penalties,
    },
    suspended: transitions.suspended,
    reinstated: transitions.reinstated,
    jobs,
    durationMs: Date.now() - started,
  };
}

/** True when a run posted or changed anything. */
export function billingRunDidWork(summary: BillingRunSummary): boolean {
  return (
    summary.settledDays.length > 0 ||
    summary.usage.lines + summary.lateUsage.lines + summary.outageCredits.lines + summary.penalties.count > 0 ||
    summary.suspended.length + summary.reinstated.length > 0
  );
}

