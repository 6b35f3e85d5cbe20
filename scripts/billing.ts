/**
 * `npm run billing -- [--now ISO-8601]` and `npm run settle -- --day YYYY-MM-DD`: runs all billing
 * work due at that instant (settle completed days, late usage, outage credits, suspensions,
 * penalties, extra jobs) and prints what it posted. Idempotent. `--day D` runs at the end of D
 * plus a minute. While a server holds the embedded database the run goes through that server.
 */
import { formatBillingSummary } from '@/lib/billing/format-summary';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { dayEnd, isServiceDay } from '@/lib/billing/service-day';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import { config } from '@/lib/config';
import { openScriptDatabase } from '@/lib/db/script';
import { registerBillingJobs } from '../server/billing-jobs';
import { runMain } from './lib/cli';

const usage = 'usage: npm run billing -- [--now ISO-8601] | npm run settle -- --day YYYY-MM-DD';

function parseArgs(args: string[]): { now: Date } | { error: string } {
  let now: Date | null = null;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = inline ?? args[i + 1];
    if (inline === undefined && (flag === '--now' || flag === '--day')) i++;
    if (flag === '--now') {
      const parsed = value ? new Date(value) : new Date(NaN);
      if (Number.isNaN(parsed.getTime())) return { error: `--now: not an ISO-8601 instant: ${value ?? ''}` };
      now = parsed;
    } else if (flag === '--day') {
      if (!value || !isServiceDay(value)) return { error: `--day: not a date YYYY-MM-DD: ${value ?? ''}` };
      const at = new Date(dayEnd(value, config().billingTimeZone).getTime() + 60_000);
      if (at.getTime() > Date.now()) return { error: `--day ${value}: that day is not over yet in ${config().billingTimeZone}` };
      now = at;
    } else {
      return { error: `unknown argument ${args[i]}` };
    }
  }
  return { now: now ?? new Date() };
}

async function viaServer(port: number, now: Date): Promise<number> {
  const response = await fetch(`http://localhost:${port}/api/internal/billing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-token': config().internalToken },
    body: JSON.stringify({ now: now.toISOString() }),
  });
  const body = (await response.json()) as { text?: string; error?: { message: string } };
  if (!response.ok || !body.text) {
    console.error(`The server refused the billing run (${response.status}): ${body.error?.message ?? 'no summary'}`);
    return 1;
  }
  console.log(`(through the running server on port ${port})`);
  console.log(body.text);
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\n${usage}`);
    return 2;
  }
  const opened = await openScriptDatabase('npm run billing');
  if (opened.kind === 'server') {
    if (!opened.server.port) {
      console.error(`Process ${opened.server.pid} (${opened.server.purpose}) holds the embedded database in ${config().dataDir}; stop it and run again.`);
      return 1;
    }
    return viaServer(opened.server.port, args.now);
  }
  try {
    registerBillingJobs(config());
    // The demo catalogue in demo mode only: production prices usage with the operator's imported one.
    if (config().demoMode) await seedDemoCatalogue(opened.db);
    const summary = await runDueBilling(opened.db, { now: args.now, timeZone: config().billingTimeZone });
    console.log(formatBillingSummary(summary));
    return summary.jobs.every((job) => job.ok) ? 0 : 1;
  } finally {
    await opened.close();
  }
}

runMain(main);
