import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { drizzleFor, type Db } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { queryRows } from '@/lib/db/sql-rows';
import { createNotice } from '@/lib/notices/create-notice';
import { transportsFromConfig } from '@/lib/notices/mailbox';
import { deliverOutbox, OUTBOX_RULES, retryDelayMs } from '@/lib/notices/outbox';
import { createDrillDatabase } from './database';

export interface OutboxDrillOptions {
  notices: number;
  /** Seconds (of the drill's clock) during which the SMTP server refuses half the messages. */
  failingSeconds: number;
  /** Delivery workers, each with its own connection pool, as separate instances would run them. */
  workers?: number;
  log?: (line: string) => void;
}

export interface OutboxDrillResult {
  notices: number;
  workers: number;
  attempts: number;
  refused: number;
  delivered: number;
  duplicates: number;
  lost: number;
  failed: number;
  backoffViolations: number;
  /** Drill-clock seconds from the first pass until every notice was delivered. */
  drainedAfterSeconds: number | null;
  seconds: number;
  losses: string[];
}

/** A real SMTP server (smtp-server) that refuses half the messages (451 after DATA: transient, nothing accepted) while `failing()`. */
async function flakySmtpServer(failing: () => boolean, clock: () => number) {
  const attempts = new Map<string, { at: number; accepted: boolean }[]>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        const refuse = failing() && Math.random() < 0.5;
        const list = attempts.get(to) ?? [];
        list.push({ at: clock(), accepted: !refuse });
        attempts.set(to, list);
        if (refuse) callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { attempts, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Drill 3: `notices` notices, each with one verified email, delivered by `workers` outbox workers
 * (own pools, as instances) on one PostgreSQL database through a real SMTP server that refuses half
 * the messages for `failingSeconds`, then recovers. On the drill's clock (passes every 5 s, so the
 * backoff's 30 s, 1 min, 2 min … take no real time): every notice delivered exactly once, none lost,
 * and no retry earlier than the backoff allows.
 */
export async function runOutboxDrill(options: OutboxDrillOptions): Promise<OutboxDrillResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const workers = options.workers ?? 2;
  const database = await createDrillDatabase('portal_drill3', { poolSize: 4 });
  const t0 = Date.now();
  let now = t0;
  const smtp = await flakySmtpServer(() => now < t0 + options.failingSeconds * 1000, () => now);
  const pools: { db: Db; release: () => Promise<void> }[] = [];
  let transports: ReturnType<typeof transportsFromConfig>[] = [];
  try {
    await migrateDatabase(database.raw);
    const db = database.db;
    const at = new Date(t0);
    await db.execute(sql`insert into customer_accounts (id, name) select 'OBX' || lpad(i::text, 7, '0'), 'Outbox ' || i from generate_series(1, ${options.notices}) i`);
    for (let i = 1; i <= options.notices; i++) {
      const accountId = `OBX${String(i).padStart(7, '0')}`;
      await seedVerifiedContacts(db, { accountId, email: `${accountId.toLowerCase()}@drill.test`, now: at });
      await createNotice(db, { accountId, kind: 'suspended', params: { balance: '-1.00' }, dedupeKey: `drill:${accountId}`, now: at });
    }
    for (let w = 0; w < workers; w++) {
      const pool = new pg.Pool({ connectionString: database.url, max: 2 });
      pool.on('error', () => {});
      pools.push({ db: drizzleFor({ kind: 'postgres', pool }), release: () => pool.end() });
    }
    transports = pools.map((p) => transportsFromConfig(p.db, { demoMode: false, smtpUrl: smtp.url, smtpFrom: 'Account Portal <no-reply@drill.test>' }));
    log(`drill 3: ${options.notices} notices, ${workers} workers, SMTP refusing half for ${options.failingSeconds} s of the drill clock`);

    const pending = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notice_deliveries where status in ('pending', 'sending')`))[0].n;
    let drainedAfterSeconds: number | null = null;
    const limit = t0 + 6 * 60 * 60 * 1000;
    while (now < limit) {
      // Every worker drains what is due at this instant, side by side.
      await Promise.all(
        pools.map(async (p, w) => {
          for (;;) {
            const s = await deliverOutbox(p.db, { now: new Date(now), transports: transports[w], appUrl: 'http://drill.test', limit: OUTBOX_RULES.batchSize });
            if (s.sent + s.retrying + s.failed + s.bounced === 0) return;
          }
        }),
      );
      if ((await pending()) === 0) {
        drainedAfterSeconds = Math.round((now - t0) / 1000);
        break;
      }
      // The next pass 5 s later, or when the next retry falls due if that is later (nothing happens between).
      const [next] = await queryRows<{ at: number | null }>(
        db,
        sql`select (extract(epoch from min(next_attempt_at)) * 1000)::float8 as at from notice_deliveries where status = 'pending'`,
      );
      now = Math.max(now + 5_000, next.at ?? 0);
    }

    const [counts] = await queryRows<{ sent: number; failed: number; other: number }>(
      db,
      sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed,
                 count(*) filter (where status not in ('sent', 'failed'))::int as other from notice_deliveries`,
    );
    let attempts = 0;
    let refused = 0;
    let delivered = 0;
    let duplicates = 0;
    let backoffViolations = 0;
    for (const list of smtp.attempts.values()) {
      attempts += list.length;
      refused += list.filter((a) => !a.accepted).length;
      const accepted = list.filter((a) => a.accepted).length;
      if (accepted >= 1) delivered += 1;
      duplicates += Math.max(0, accepted - 1);
      for (let k = 1; k < list.length; k++) if (list[k].at - list[k - 1].at < retryDelayMs(k)) backoffViolations += 1;
    }
    const lost = options.notices - delivered;
    const losses: string[] = [];
    if (lost > 0) losses.push(`${lost} notices never delivered`);
    if (duplicates > 0) losses.push(`${duplicates} notices delivered more than once`);
    if (backoffViolations > 0) losses.push(`${backoffViolations} retries came before their backoff`);
    if (counts.sent !== options.notices) losses.push(`${counts.sent} of ${options.notices} outbox rows marked sent (${counts.failed} failed, ${counts.other} other)`);
    if (refused === 0) losses.push('the SMTP server refused nothing: the drill tested no failure');
    return {
      notices: options.notices,
      workers,
      attempts,
      refused,
      delivered,
      duplicates,
      lost,
      failed: counts.failed,
      backoffViolations,
      drainedAfterSeconds,
      seconds: Math.round((Date.now() - started) / 1000),
      losses,
    };
  } finally {
    for (const t of transports) (t.email as { close?: () => void }).close?.();
    await Promise.all(pools.map((p) => p.release().catch(() => {})));
    await smtp.close();
    await database.drop();
  }
}
