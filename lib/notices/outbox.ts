import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { accountContacts, noticeDeliveries, notices } from '@/lib/db/schema';
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

/** Claims due rows in a short transaction; several workers (instances) skip each other's rows. */
async function claimDue(db: Db, now: Date, limit: number): Promise<Delivery[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: noticeDeliveries.id })
      .from(noticeDeliveries)
      .where(
        or(
          and(eq(noticeDeliveries.status, 'pending'), lte(noticeDeliveries.nextAttemptAt, now)),
          and(eq(noticeDeliveries.status, 'sending'), lte(noticeDeliveries.claimedUntil, now)),
        ),
      )
      .orderBy(asc(noticeDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(noticeDeliveries)
      .set({ status: 'sending', claimedUntil: new Date(now.getTime() + OUTBOX_RULES.claimMs) })
      .where(inArray(noticeDeliveries.id, due.map((d) => d.id)))
      .returning();
    return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  });
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
  const { now } = opts;
  const summary: DeliverOutboxSummary = { sent: 0, retrying: 0, failed: 0, bounced: 0 };
  const claimed = await claimDue(db, now, opts.limit ?? OUTBOX_RULES.batchSize);
  for (const delivery of claimed) {
    const attempts = delivery.attempts + 1;
    try {
      const sent = await send(db, delivery, opts);
      await db
        .update(noticeDeliveries)
        .set({ status: 'sent', attempts, sentAt: now, providerMessageId: sent.messageId, claimedUntil: null, lastError: null, messageParams: null })
        .where(eq(noticeDeliveries.id, delivery.id));
      summary.sent += 1;
    } catch (error) {
      const failure = deliveryFailureOf(error);
      const lastError = failure.message.slice(0, 1000);
      if (failure.kind === 'recipient_refused') {
        await db.transaction(async (tx) => {
          await tx.update(noticeDeliveries).set({ status: 'bounced', attempts, lastError, claimedUntil: null, messageParams: null }).where(eq(noticeDeliveries.id, delivery.id));
          await recordBounce(tx, { accountId: delivery.accountId, channel: delivery.channel, destination: delivery.destination, dedupeKey: `contact_bounced:${delivery.id}`, now });
        });
        summary.bounced += 1;
      } else if (failure.kind === 'permanent' || attempts >= OUTBOX_RULES.maxAttempts) {
        await db.update(noticeDeliveries).set({ status: 'failed', attempts, lastError, claimedUntil: null, messageParams: null }).where(eq(noticeDeliveries.id, delivery.id));
        summary.failed += 1;
      } else {
        await db
          .update(noticeDeliveries)
          .set({ status: 'pending', attempts, lastError, claimedUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
          .where(eq(noticeDeliveries.id, delivery.id));
        summary.retrying += 1;
      }
    }
  }
  return summary;
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
