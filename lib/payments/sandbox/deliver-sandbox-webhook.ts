import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { sandboxCheckouts } from '@/lib/db/schema';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from '../sandbox-signature';
import type { SandboxCheckout } from './sandbox-checkouts';
import { sandboxEventFor } from './sandbox-event';

export interface SandboxWebhookTarget {
  /** The merchant's webhook URL, e.g. `${appUrl}/api/payments/webhook/sandbox`. */
  url: string;
  secret: string;
  fetch?: typeof fetch;
}

export function sandboxWebhookUrl(appUrl: string): string {
  return `${appUrl}/api/payments/webhook/sandbox`;
}

/** Gives up redelivering after this many attempts (the merchant's expiry job closes the payment). */
export const MAX_SANDBOX_WEBHOOK_ATTEMPTS = 20;

/**
 * Sends the signed outcome of a completed checkout to the merchant's webhook, server to server.
 * Acknowledged (2xx) deliveries are remembered; others are left for `redeliverSandboxWebhooks`.
 * Returns whether the merchant acknowledged it.
 */
export async function deliverSandboxWebhook(db: Db, checkout: SandboxCheckout, target: SandboxWebhookTarget, now: Date): Promise<boolean> {
  const event = sandboxEventFor(checkout);
  if (!event) return false;
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now.getTime() / 1000);
  await db
    .update(sandboxCheckouts)
    .set({ webhookAttempts: sql`${sandboxCheckouts.webhookAttempts} + 1` })
    .where(eq(sandboxCheckouts.id, checkout.id));
  let acknowledged = false;
  try {
    const response = await (target.fetch ?? fetch)(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(body, target.secret, timestamp) },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    acknowledged = response.ok;
    if (!acknowledged) console.warn(`[sandbox-pay] webhook ${event.id} answered ${response.status}`);
  } catch (error) {
    console.warn(`[sandbox-pay] webhook ${event.id} not delivered: ${(error as Error).message}`);
  }
  if (acknowledged) {
    await db.update(sandboxCheckouts).set({ webhookDeliveredAt: now }).where(and(eq(sandboxCheckouts.id, checkout.id), isNull(sandboxCheckouts.webhookDeliveredAt)));
  }
  return acknowledged;
}

/** Delivers the webhook of one checkout by id (after the card or challenge step). */
export async function deliverSandboxWebhookById(db: Db, checkoutId: string, target: SandboxWebhookTarget, now: Date): Promise<boolean> {
  // The processor's own server-to-server step: not a browser's, so not bound to a session.
  const [checkout] = await db.select().from(sandboxCheckouts).where(eq(sandboxCheckouts.id, checkoutId));
  return checkout ? deliverSandboxWebhook(db, checkout, target, now) : false;
}

/** Retries webhooks the merchant has not acknowledged yet (for the scheduler). Returns how many were acknowledged now. */
export async function redeliverSandboxWebhooks(db: Db, target: SandboxWebhookTarget, now: Date, limit = 50): Promise<number> {
  const owed = await db
    .select()
    .from(sandboxCheckouts)
    .where(
      and(
        isNotNull(sandboxCheckouts.completedAt),
        isNull(sandboxCheckouts.webhookDeliveredAt),
        lt(sandboxCheckouts.webhookAttempts, MAX_SANDBOX_WEBHOOK_ATTEMPTS),
      ),
    )
    .orderBy(asc(sandboxCheckouts.completedAt))
    .limit(limit);
  let acknowledged = 0;
  for (const checkout of owed) {
    if (await deliverSandboxWebhook(db, checkout, target, now)) acknowledged++;
  }
  return acknowledged;
}
