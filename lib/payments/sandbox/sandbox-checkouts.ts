import { randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { sandboxCheckouts } from '@/lib/db/schema';
import { checkCardForm, type CardFieldProblem, type CardFormInput } from './card-form';

/*
 * The embedded sandbox card processor: a stand-in for a third-party payment page. It keeps its
 * own records (sandbox_checkouts), decides by test card, and tells the merchant the outcome only
 * through a signed webhook (deliver-sandbox-webhook.ts), exactly as a real provider would.
 */

export type SandboxCheckout = typeof sandboxCheckouts.$inferSelect;

export function sandboxCheckoutPath(id: string): string {
  return `/sandbox-pay/${id}`;
}

export async function createSandboxCheckout(
  db: Db,
  input: { reference: string; amountFen: bigint; currency: string; description: string; returnUrl: string; expiresAt: Date; payerSessionId: string | null; now: Date },
): Promise<SandboxCheckout> {
  const [row] = await db
    .insert(sandboxCheckouts)
    .values({
      id: `sbx_${randomBytes(12).toString('hex')}`,
      reference: input.reference,
      amountFen: input.amountFen,
      currency: input.currency,
      description: input.description,
      returnUrl: input.returnUrl,
      payerSessionId: input.payerSessionId,
      status: 'open',
      createdAt: input.now,
      expiresAt: input.expiresAt,
    })
    .returning();
  return row;
}

/**
 * The portal session a page or step comes from (null: none). A checkout is bound to the session
 * that started it: to anyone else — another customer, support viewing as the customer, a copied
 * link — it does not exist.
 */
export type PayerSession = string | null;

function boundTo(payer: PayerSession) {
  return sql`${sandboxCheckouts.payerSessionId} is not distinct from ${payer}`;
}

export async function getSandboxCheckout(db: Db, id: string, payer: PayerSession): Promise<SandboxCheckout | null> {
  const [row] = await db.select().from(sandboxCheckouts).where(and(eq(sandboxCheckouts.id, id), boundTo(payer)));
  return row ?? null;
}

/** Whether the hosted page still takes a card (open and not past its expiry). */
export function isCheckoutOpen(checkout: SandboxCheckout, now: Date): boolean {
  return checkout.status === 'open' && checkout.expiresAt.getTime() > now.getTime();
}

export type CardSubmission =
  | { ok: true; checkout: SandboxCheckout }
  | { ok: false; code: 'invalid_card'; problems: Partial<Record<keyof CardFormInput, CardFieldProblem>> }
  | { ok: false; code: 'not_found' | 'expired' | 'closed' };

function closedReason(checkout: SandboxCheckout | null, now: Date): 'not_found' | 'expired' | 'closed' {
  if (!checkout) return 'not_found';
  if (checkout.status === 'open' && checkout.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'closed';
}

/**
 * The card step: 4242… succeeds, 4000…0002 is declined, 4000…3220 moves to the challenge step.
 * Only an open checkout changes (one conditional UPDATE), so a double submit decides once.
 */
export async function submitSandboxCard(db: Db, checkoutId: string, card: CardFormInput, now: Date, payer: PayerSession): Promise<CardSubmission> {
  const check = checkCardForm(card, now);
  if (!check.ok) return { ok: false, code: 'invalid_card', problems: check.problems };
  const next =
    check.behaviour === 'succeed'
      ? { status: 'succeeded' as const, completedAt: now, failureCode: null }
      : check.behaviour === 'decline'
        ? { status: 'declined' as const, completedAt: now, failureCode: 'card_declined' }
        : { status: 'challenge' as const, completedAt: null, failureCode: null };
  const [row] = await db
    .update(sandboxCheckouts)
    .set({ ...next, cardLast4: check.last4 })
    .where(and(eq(sandboxCheckouts.id, checkoutId), boundTo(payer), eq(sandboxCheckouts.status, 'open'), gt(sandboxCheckouts.expiresAt, now)))
    .returning();
  if (row) return { ok: true, checkout: row };
  return { ok: false, code: closedReason(await getSandboxCheckout(db, checkoutId, payer), now) };
}

/** The challenge step's answer: Approve → succeeded, Fail → failed (`challenge_failed`). */
export async function answerSandboxChallenge(
  db: Db,
  checkoutId: string,
  decision: 'approve' | 'fail',
  now: Date,
  payer: PayerSession,
): Promise<{ ok: true; checkout: SandboxCheckout } | { ok: false; code: 'not_found' | 'expired' | 'closed' }> {
  const next =
    decision === 'approve'
      ? { status: 'succeeded' as const, failureCode: null }
      : { status: 'failed' as const, failureCode: 'challenge_failed' };
  const [row] = await db
    .update(sandboxCheckouts)
    .set({ ...next, completedAt: now })
    .where(and(eq(sandboxCheckouts.id, checkoutId), boundTo(payer), eq(sandboxCheckouts.status, 'challenge'), gt(sandboxCheckouts.expiresAt, now)))
    .returning();
  if (row) return { ok: true, checkout: row };
  const current = await getSandboxCheckout(db, checkoutId, payer);
  if (current?.status === 'challenge') return { ok: false, code: 'expired' };
  return { ok: false, code: current ? 'closed' : 'not_found' };
}
