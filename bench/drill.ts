/**
 * `npm run drill [-- --quick | --scale 0.25] [--only 1,3]`: the reliability drills on PostgreSQL
 * (DRILL_DATABASE_URL, else TEST_DATABASE_URL; a local server; every drill creates its own
 * databases and drops them). Prints one table with the counts of the four drills and exits 1 when
 * any drill lost or doubled anything (or answered 5xx).
 *
 *   1. two instances: payment notifications (30 % replays, random order, either instance) during billing
 *   2. kill -9 in the middle of a billing run's posting, restart, run again: equal to an uninterrupted run, N of N
 *   3. the notice outbox through an SMTP server that refuses half the messages for a while
 *   4. a flood of sign-ins and page loads against two instances: no 5xx, p99
 *
 * Full size (the default) takes tens of minutes on a small machine; --quick is the few-minute version.
 */
import os from 'node:os';
import { runCrashDrill, type CrashDrillResult } from './drill/crash-drill';
import { drillServerUrl } from './drill/database';
import { runFloodDrill, type FloodDrillResult } from './drill/flood-drill';
import { runOutboxDrill, type OutboxDrillResult } from './drill/outbox-drill';
import { runPaymentsDrill, type PaymentsDrillResult } from './drill/payments-drill';

interface Args {
  scale: number;
  only: number[];
}

function parseArgs(argv: string[]): Args | { error: string } {
  let scale = 1;
  let only = [1, 2, 3, 4];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') scale = 0.1;
    else if (flag === '--scale') {
      scale = Number(value());
      if (!(scale > 0 && scale <= 1)) return { error: '--scale: a number in (0, 1]' };
    } else if (flag === '--only') {
      only = (value() ?? '').split(',').map(Number);
      if (only.some((n) => ![1, 2, 3, 4].includes(n))) return { error: '--only: drill numbers 1–4, comma-separated' };
    } else return { error: `unknown argument ${argv[i]}` };
  }
  return { scale, only };
}

const sized = (full: number, scale: number, least: number) => Math.max(least, Math.round(full * scale));

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\nusage: npm run drill [-- --quick | --scale 0.25] [--only 1,2,3,4]`);
    return 2;
  }
  if (!drillServerUrl()) {
    console.error('Set DRILL_DATABASE_URL or TEST_DATABASE_URL to a local PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/test');
    return 2;
  }
  const log = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);
  const { scale } = args;
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`drills at scale ${scale} on ${os.availableParallelism()} cores (load average ${load()})`);

  const rows: string[][] = [['drill', 'counts', 'result']];
  const losses: string[] = [];
  const verdict = (l: string[]) => (l.length === 0 ? 'ok' : 'LOSS');

  if (args.only.includes(1)) {
    const r: PaymentsDrillResult = await runPaymentsDrill({
      accounts: sized(10_000, scale, 100),
      payments: sized(2_000, scale, 20),
      notifications: sized(10_000, scale, 100),
      log,
    });
    rows.push([
      '1 notifications on 2 instances during billing',
      `events ${r.notifications} (replays ${r.replays}), payments ${r.payments}, credits ${r.credited}, double credits ${r.doubleCredits}, ` +
        `uncredited ${r.uncredited}, lines ${r.settledLines}/${r.expectedLines}, ledger ${r.ledgerOk ? 'balanced' : 'BROKEN'}, ` +
        `cached≠postings ${r.walletMismatches}, 5xx ${r.serverErrors}, no answer ${r.noAnswer}, ${r.seconds}s`,
      verdict(r.losses),
    ]);
    losses.push(...r.losses.map((l) => `drill 1: ${l}`));
  }
  if (args.only.includes(2)) {
    const r: CrashDrillResult = await runCrashDrill({ accounts: sized(10_000, scale, 100), runs: sized(20, scale, 2), log });
    rows.push([
      '2 kill -9 mid-billing, restart, rerun',
      `accounts ${r.accounts}, runs converged ${r.converged}/${r.runs}, killed mid-posting ${r.midPosting}/${r.runs} (reference ${r.referenceMs} ms, ` +
        `${r.referenceTransfers} transfers, posting ${r.referencePosting.startMs}–${r.referencePosting.endMs} ms; ` +
        `killed at ${r.kills.map((k) => `${k.atMs}ms:${k.drawnBeforeKill}drawn:${k.postedBeforeKill}committed`).join(' ')}), ${r.seconds}s`,
      verdict(r.losses),
    ]);
    losses.push(...r.losses.map((l) => `drill 2: ${l}`));
  }
  if (args.only.includes(3)) {
    const r: OutboxDrillResult = await runOutboxDrill({ notices: sized(2_000, scale, 50), failingSeconds: 60, log });
    rows.push([
      '3 outbox through a failing SMTP server',
      `notices ${r.notices}, workers ${r.workers}, attempts ${r.attempts} (refused ${r.refused}), delivered ${r.delivered}, ` +
        `duplicates ${r.duplicates}, lost notices ${r.lost}, failed ${r.failed}, early retries ${r.backoffViolations}, ` +
        `drained after ${r.drainedAfterSeconds ?? '—'} s of drill clock, ${r.seconds}s`,
      verdict(r.losses),
    ]);
    losses.push(...r.losses.map((l) => `drill 3: ${l}`));
  }
  if (args.only.includes(4)) {
    const r: FloodDrillResult = await runFloodDrill({ connections: sized(2_000, scale, 20), seconds: sized(60, scale, 30), log });
    rows.push([
      '4 flood of sign-ins and pages, 2 instances',
      `connections ${r.connections}, ${r.seconds}s, requests ${r.requests} (${r.requestsPerSecond}/s; ${Object.entries(r.statuses)
        .map(([c, n]) => `${c}:${n}`)
        .join(' ')}), 5xx ${r.serverErrors}, timeouts ${r.timeouts}, socket errors ${r.socketErrors}, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
        `full sign-ins ${r.signIns} (failed ${r.signInFailures}), sessions across instances ${r.crossInstanceSessions}`,
      verdict(r.losses),
    ]);
    if (r.signInErrors.length) log(`drill 4: sign-in failures, e.g. ${r.signInErrors.join(' | ')}`);
    losses.push(...r.losses.map((l) => `drill 4: ${l}`));
  }

  console.log(`\n${pad(rows)}\n`);
  console.log(`load average after: ${load()}`);
  if (losses.length) {
    console.log(`LOSSES:\n${losses.map((l) => `  - ${l}`).join('\n')}`);
    return 1;
  }
  console.log('no losses');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
