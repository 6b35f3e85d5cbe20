import { formatCny } from '@/lib/money';
import type { LineTotals } from './billing-context';
import type { BillingRunSummary } from './run-due-billing';

/** The summary as JSON-safe values (bigints as decimal strings of fen). */
export function billingSummaryToJson(summary: BillingRunSummary): unknown {
  return JSON.parse(JSON.stringify(summary, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

function totalsLine(label: string, t: LineTotals): string {
  return `${label}: ${t.lines} line(s), net ${formatCny(t.netFen)}, tax ${formatCny(t.taxFen)}, gross ${formatCny(t.grossFen)}`;
}

function listed(ids: string[]): string {
  return ids.length <= 10 ? ids.join(', ') : `${ids.slice(0, 10).join(', ')} … (+${ids.length - 10})`;
}

/** What a run posted, for people (the `npm run billing` output). */
export function formatBillingSummary(summary: BillingRunSummary): string {
  const lines = [`Billing run at ${summary.now} (${summary.timeZone}), ${summary.durationMs} ms`];
  lines.push(summary.settledDays.length > 0 ? `Settled days: ${summary.settledDays.join(', ')}` : 'Settled days: none due');
  lines.push(totalsLine('  Usage charges', summary.usage));
  lines.push(totalsLine(`  Late usage${summary.lateUsage.days.length ? ` (${summary.lateUsage.days.join(', ')})` : ''}`, summary.lateUsage));
  lines.push(totalsLine(`  Outage credits${summary.outageCredits.days.length ? ` (${summary.outageCredits.days.join(', ')})` : ''}`, summary.outageCredits));
  lines.push(`  Overdue penalties: ${summary.penalties.count}, total ${formatCny(summary.penalties.amountFen)}`);
  for (const p of summary.penalties.items.slice(0, 10)) {
    lines.push(`    ${p.accountId} overdue day ${p.periodIndex} (ended ${p.periodEnd.toISOString()}): ${formatCny(p.amountFen)} on arrears ${formatCny(p.arrearsFen)}`);
  }
  lines.push(`  Suspended: ${summary.suspended.length ? listed(summary.suspended) : 'none'}`);
  lines.push(`  Reinstated: ${summary.reinstated.length ? listed(summary.reinstated) : 'none'}`);
  for (const job of summary.jobs) lines.push(`  Job ${job.name}: ${job.ok ? 'ok' : 'FAILED'}${job.result ? ` — ${job.result}` : ''}`);
  return lines.join('\n');
}
