export { formatYuan } from '@/lib/money/format';

export const knownFailureReasons = ['card_declined', 'challenge_failed', 'abandoned', 'provider_error', 'async_payment_failed', 'payment_failed', 'trade_closed', 'pay_error'] as const;

/** The message key of a failure reason (unknown codes fall back to `unknown`). */
export function failureReasonKey(reason: string | null): string {
  return reason && (knownFailureReasons as readonly string[]).includes(reason) ? reason : 'unknown';
}
