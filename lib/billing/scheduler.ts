import type { Db } from '@/lib/db/client';
import { formatBillingSummary } from './format-summary';
import { billingRunDidWork, runDueBilling, type BillingRunSummary } from './run-due-billing';

export interface BillingSchedulerOptions {
  /** Seconds between runs; 0 disables the scheduler. */
  intervalSeconds: number;
  timeZone: string;
  /** Defaults to logging runs that did something. */
  onRun?: (summary: BillingRunSummary) => void;
  onError?: (error: unknown) => void;
  /** Clock (tests). */
  now?: () => Date;
}

/**
 * Runs `runDueBilling` in this process every interval (first run shortly after start), never two at
 * once in one process; across instances the billing lock and unique keys keep runs from doubling.
 * Returns a function that stops it (and waits for a run in progress).
 */
export function startBillingScheduler(getDb: () => Db, options: BillingSchedulerOptions): () => Promise<void> {
  if (options.intervalSeconds <= 0) return async () => {};
  const clock = options.now ?? (() => new Date());
  const onRun =
    options.onRun ??
    ((summary: BillingRunSummary) => {
      if (billingRunDidWork(summary)) console.log(`[billing] ${formatBillingSummary(summary)}`);
    });
  const onError = options.onError ?? ((error: unknown) => console.error('[billing] run failed:', error));
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    if (running || stopped) return;
    running = runDueBilling(getDb(), { now: clock(), timeZone: options.timeZone })
      .then(onRun, onError)
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, Math.min(5_000, options.intervalSeconds * 1000));
  const timer = setInterval(tick, options.intervalSeconds * 1000);
  first.unref?.();
  timer.unref?.();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    if (running) await running;
  };
}
