import { z } from 'zod';
import type { SandboxCheckout } from './sandbox-checkouts';

/**
 * The sandbox processor's webhook body. Amounts are integers in the currency's minor unit (fen),
 * as real providers send them. The event id is derived from the checkout and its outcome, so a
 * redelivery carries the same id.
 */
export const sandboxEventTypes = ['payment.succeeded', 'payment.declined', 'payment.failed'] as const;

export const sandboxEventSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  created: z.number().int(),
  data: z.object({
    object: z.object({
      id: z.string().min(1).max(200),
      reference: z.string().max(200),
      amount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      currency: z.string().min(3).max(3),
      status: z.string(),
      failure_code: z.string().nullable(),
    }),
  }),
});

export type SandboxEvent = z.infer<typeof sandboxEventSchema>;

const typeOfStatus = {
  succeeded: 'payment.succeeded',
  declined: 'payment.declined',
  failed: 'payment.failed',
} as const;

/** The event a completed checkout owes the merchant; null while the checkout is still open or in its challenge. */
export function sandboxEventFor(checkout: SandboxCheckout): SandboxEvent | null {
  if (checkout.status !== 'succeeded' && checkout.status !== 'declined' && checkout.status !== 'failed') return null;
  if (!checkout.completedAt) return null;
  return {
    id: `evt_${checkout.id}_${checkout.status}`,
    type: typeOfStatus[checkout.status],
    created: Math.floor(checkout.completedAt.getTime() / 1000),
    data: {
      object: {
        id: checkout.id,
        reference: checkout.reference,
        amount: Number(checkout.amountFen),
        currency: checkout.currency,
        status: checkout.status,
        failure_code: checkout.failureCode,
      },
    },
  };
}
