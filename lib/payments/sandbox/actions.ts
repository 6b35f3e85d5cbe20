'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { openToAnyone, type ActionResult } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { deliverSandboxWebhook, sandboxWebhookUrl } from '@/lib/payments/sandbox/deliver-sandbox-webhook';
import { payingSession } from '@/lib/payments/sandbox/paying-session';
import { answerSandboxChallenge, submitSandboxCard, type SandboxCheckout } from '@/lib/payments/sandbox/sandbox-checkouts';

/*
 * The sandbox processor's own endpoints (a third party's, not the portal's). A checkout is bound to
 * the portal session that started it: from any other session (another user, support viewing as
 * the customer, no session) it is "not found", so nobody else can pay or approve it. When a checkout is decided, the processor tells the merchant through its signed
 * webhook, server to server, before sending the browser back; the browser's return credits nothing.
 */

/** What the browser does next: show the challenge, or go back to the merchant. Refusals are the usual action errors. */
export type SandboxStepResult = ActionResult<{ next: 'challenge' } | { next: 'return'; returnUrl: string }>;

function refused(code: string, message: string, fieldErrors?: Record<string, string>): SandboxStepResult {
  return { ok: false, error: { code, message, fieldErrors } };
}

const checkoutId = z.string().regex(/^sbx_[0-9a-f]{24}$/);
const cardSchema = z.object({ checkoutId, cardNumber: z.string().max(40), expiry: z.string().max(10), cvc: z.string().max(8) });
const challengeSchema = z.object({ checkoutId, decision: z.enum(['approve', 'fail']) });

async function notifyMerchantAndReturn(checkout: SandboxCheckout): Promise<SandboxStepResult> {
  const cfg = config();
  await deliverSandboxWebhook(getDb(), checkout, { url: sandboxWebhookUrl(cfg.appUrl), secret: cfg.sandboxWebhookSecret }, new Date());
  return { ok: true, data: { next: 'return', returnUrl: checkout.returnUrl } };
}

export async function paySandboxCheckout(input: z.input<typeof cardSchema>): Promise<SandboxStepResult> {
  openToAnyone('lib/payments/sandbox/actions.ts#paySandboxCheckout');
  const t = await getTranslations('topup.sandbox');
  // Server actions answer on any URL: the sandbox refuses outside demo mode whatever the page.
  if (!config().demoMode) return refused('not_found', t('errors.not_found'));
  const parsed = cardSchema.safeParse(input);
  if (!parsed.success) return refused('not_found', t('errors.not_found'));
  const payer = await payingSession();
  if (!payer) return refused('not_found', t('errors.not_found'));
  const { checkoutId: id, ...card } = parsed.data;
  const result = await submitSandboxCard(getDb(), id, card, new Date(), payer);
  if (!result.ok) {
    if (result.code !== 'invalid_card') return refused(result.code, t(`errors.${result.code}`));
    const fieldErrors = Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, t(`errors.${problem}`)]));
    return refused('invalid_card', Object.values(fieldErrors)[0] ?? t('errors.card_number_invalid'), fieldErrors);
  }
  if (result.checkout.status === 'challenge') return { ok: true, data: { next: 'challenge' } };
  return notifyMerchantAndReturn(result.checkout);
}

export async function answerSandboxChallengeAction(input: z.input<typeof challengeSchema>): Promise<SandboxStepResult> {
  openToAnyone('lib/payments/sandbox/actions.ts#answerSandboxChallengeAction');
  const t = await getTranslations('topup.sandbox');
  if (!config().demoMode) return refused('not_found', t('errors.not_found'));
  const parsed = challengeSchema.safeParse(input);
  if (!parsed.success) return refused('not_found', t('errors.not_found'));
  const payer = await payingSession();
  if (!payer) return refused('not_found', t('errors.not_found'));
  const result = await answerSandboxChallenge(getDb(), parsed.data.checkoutId, parsed.data.decision, new Date(), payer);
  if (!result.ok) return refused(result.code, t(`errors.${result.code}`));
  return notifyMerchantAndReturn(result.checkout);
}
