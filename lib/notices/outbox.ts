import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, documentEmails, noticeDeliveries, notices } from '@/lib/db/schema';
import { createNotice } from './create-notice';
import { renderInvitationEmail, renderNoticeEmail, renderNoticeSms } from './render-notice';
import { deliveryFailureOf, type SentMessage, type Transports } from './transports';

export const OUTBOX_RULES = {
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: 10,
  /** Retry after 30 s, 1 min, 2 min, … doubling, at most 6 h apart. */
  firstRetryMs: 30_000,
  maxRetryMs: 6 * 60 * 60 * 1000,
  /** A claimed row is retried by another worker if its claimer has not finished by then. */
  claimMs: 5 * 60 * 1000,
  batchSize: 20,
} as const;

export function retryDelayMs(attempts: number): number {
  return Math.min(OUTBOX_RULES.firstRetryMs * 2 ** Math.max(0, attempts - 1), OUTBOX_RULES.maxRetryMs);
}

export interface DeliverOutboxOptions {
  now: Date;
  transports: Transports;
  /** Base URL of the portal, for links in messages. */
  appUrl: string;
  limit?: number;
}

export interface DeliverOutboxSummary {
  sent: number;
  retrying: number;
  failed: number;
  bounced: number;
}

type Delivery = typeof noticeDeliveries.$inferSelect;

/**
 * A queue the outbox worker delivers: the notices' deliveries and the document emails
 * (lib/notices/document-emails.ts) share the queue columns (status, attempts, next attempt, claim,
 * last error, provider message id, sent at) and every rule of this file: claiming, retries, bounces.
 */
export type OutboxTable = typeof noticeDeliveries | typeof documentEmails;

/** One pass over a queue: how a row is sent, and what its refusal records. */
export interface OutboxPass<R> {
  now: Date;
  limit: number;
  send: (row: R) => Promise<SentMessage>;
  /** A refused recipient: the contact to flag (when it is the account's verified one) and the notice's dedupe key. */
  bounce: (row: R) => { accountId: string; channel: 'email' | 'sms'; destination: string; dedupeKey: string };
  /** Columns wiped once a row is done with (sent, bounced or failed), e.g. a single-use link. */
  wipeWhenDone?: Partial<Record<'messageParams', null>>;
}

/**
 * Claims due rows in a short transaction (several workers, in several instances, skip each other's
 * rows), delivers each outside any transaction, then records the outcome: transient failures are
 * retried with exponential backoff, a refused recipient is a bounce (recordBounce), a permanent
 * failure or the last attempt is given up as failed.
 */
export async function deliverQueue<T extends OutboxTable>(db: Db, table: T, pass: OutboxPass<T['$inferSelect']>): Promise<DeliverOutboxSummary> {
  // Both tables have the queue columns this function reads and writes (see OutboxTable).
  const queue = table as typeof noticeDeliveries;
  const { now } = pass;
  const summary: DeliverOutboxSummary = { sent: 0, retrying: 0, failed: 0, bounced: 0 };
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: queue.id })
      .from(queue)
      .where(or(and(eq(queue.status, 'pending'), lte(queue.nextAttemptAt, now)), and(eq(queue.status, 'sending'), lte(queue.claimedUntil, now))))
      .orderBy(asc(queue.nextAttemptAt))
      .limit(pass.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(queue)
      .set({ status: 'sending', claimedUntil: new Date(now.getTime() + OUTBOX_RULES.claimMs) })
      .where(inArray(queue.id, due.map((d) => d.id)))
      .returning();
    return (rows as T['$inferSelect'][]).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  });
  const done = { claimedUntil: null, ...pass.wipeWhenDone };
  for (const row of claimed) {
    const attempts = row.attempts + 1;
    try {
      const sent = await pass.send(row);
      await db.update(queue).set({ status: 'sent', attempts, sentAt: now, providerMessageId: sent.messageId, lastError: null, ...done }).where(eq(queue.id, row.id));
      summary.sent += 1;
    } catch (error) {
      const failure = deliveryFailureOf(error);
      const lastError = failure.message.slice(0, 1000);
      if (failure.kind === 'recipient_refused') {
        await db.transaction(async (tx) => {
          await tx.update(queue).set({ status: 'bounced', attempts, lastError, ...done }).where(eq(queue.id, row.id));
          await recordBounce(tx, { ...pass.bounce(row), now });
        });
        summary.bounced += 1;
      } else if (failure.kind === 'permanent' || attempts >= OUTBOX_RULES.maxAttempts) {
        await db.update(queue).set({ status: 'failed', attempts, lastError, ...done }).where(eq(queue.id, row.id));
        summary.failed += 1;
      } else {
        await db
          .update(queue)
          .set({ status: 'pending', attempts, lastError, claimedUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
          .where(eq(queue.id, row.id));
        summary.retrying += 1;
      }
    }
  }
  return summary;
}

async function send(db: Db, delivery: Delivery, opts: DeliverOutboxOptions): Promise<SentMessage> {
  const [notice] = await db.select().from(notices).where(eq(notices.id, delivery.noticeId));
  const input = { kind: notice.kind, params: notice.params, locale: delivery.locale, accountId: delivery.accountId, appUrl: opts.appUrl };
  if (delivery.channel === 'email') {
    // A message of its own for one recipient (an invitation's link to the invitee).
    const message = delivery.messageParams ? renderInvitationEmail({ params: delivery.messageParams, locale: delivery.locale }) : renderNoticeEmail(input);
    return opts.transports.email.sendEmail({ to: delivery.destination, ...message });
  }
  return opts.transports.sms.sendSms({ to: delivery.destination, ...renderNoticeSms(input), reference: delivery.id });
}

/**
 * A message to a contact was refused: when it was the account's verified contact, flag it (the
 * customer is prompted on every page to check it, and nothing more is sent there until they do)
 * and tell them in the notice centre. Call inside the transaction that marks the delivery bounced.
 * The flag is the outbox's record on the contact row (`bounced_*`): remembered until the customer
 * confirms or corrects the contact (lib/contact clears it), ignored when the contact changed meanwhile.
 */
export async function recordBounce(
  tx: Db,
  input: { accountId: string; channel: 'email' | 'sms'; destination: string; dedupeKey: string; now: Date },
): Promise<boolean> {
  const channel = input.channel === 'email' ? 'email' : 'phone';
  const column = channel === 'email' ? accountContacts.email : accountContacts.phone;
  const flagged =
    (
      await tx
        .update(accountContacts)
        .set({ bouncedAt: input.now, bouncedChannel: channel, bouncedDestination: input.destination, updatedAt: input.now })
        .where(and(eq(accountContacts.accountId, input.accountId), eq(column, input.destination)))
        .returning({ accountId: accountContacts.accountId })
    ).length > 0;
  if (flagged) {
    await createNotice(tx, {
      accountId: input.accountId,
      kind: 'contact_bounced',
      params: { channel, destination: input.destination },
      dedupeKey: input.dedupeKey,
      now: input.now,
    });
  }
  return flagged;
}

/**
 * One pass of the outbox worker: delivers every due row (sending happens outside any transaction),
 * then records the outcome. Transient failures are retried with exponential backoff; a refused
 * recipient is a bounce: the contact is flagged, which prompts the customer to check their details.
 */
export async function deliverOutbox(db: Db, opts: DeliverOutboxOptions): Promise<DeliverOutboxSummary> {
  return deliverQueue(db, noticeDeliveries, {
    now: opts.now,
    limit: opts.limit ?? OUTBOX_RULES.batchSize,
    send: (delivery: Delivery) => send(db, delivery, opts),
    bounce: (delivery) => ({ accountId: delivery.accountId, channel: delivery.channel, destination: delivery.destination, dedupeKey: `contact_bounced:${delivery.id}` }),
    wipeWhenDone: { messageParams: null },
  });
}

export interface OutboxWorkerOptions {
  /** How often to look for due rows (default 3 s). */
  intervalMs?: number;
  /** Base URL for links in messages. */
  appUrl: string;
  /** Made once per worker (an SMTP transport is reused): e.g. `(db) => transportsFromConfig(db, config())`. */
  transports: (db: Db) => Transports;
  clock?: () => Date;
  log?: (message: string) => void;
  /** Further outboxes delivered in the same pass with the same transports (e.g. document emails). */
  extraPasses?: ((db: Db, input: { now: Date; transports: Transports }) => Promise<DeliverOutboxSummary>)[];
}

/**
 * Runs deliverOutbox every few seconds until the returned stop function is called (which waits for
 * a pass in progress). Safe to run in several instances at once.
 */
export function startOutboxWorker(getDb: () => Db, options: OutboxWorkerOptions): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 3000;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(`[outbox] ${message}`));
  let transports: Transports | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const db = getDb();
      transports ??= options.transports(db);
      const now = clock();
      const summary = await deliverOutbox(db, { now, transports, appUrl: options.appUrl });
      for (const pass of options.extraPasses ?? []) {
        const extra = await pass(db, { now, transports });
        summary.sent += extra.sent;
        summary.retrying += extra.retrying;
        summary.failed += extra.failed;
        summary.bounced += extra.bounced;
      }
      if (summary.failed || summary.bounced || summary.retrying) {
        log(`sent ${summary.sent}, retrying ${summary.retrying}, failed ${summary.failed}, bounced ${summary.bounced}`);
      }
    } catch (error) {
      log(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    const closable = transports?.email as { close?: () => void } | undefined;
    closable?.close?.();
  };
}
