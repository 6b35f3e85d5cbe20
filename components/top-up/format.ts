const formatters = new Map<string, Intl.NumberFormat>();

/** A decimal string in yuan ("-12.34", as the JSON routes send it) for display: ¥1,234.56. Exact: Intl formats the string, no float. */
export function formatYuan(decimal: string, locale: string): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(locale, formatter);
  }
  return formatter.format(decimal as `${number}`);
}

export const knownFailureReasons = ['card_declined', 'challenge_failed', 'abandoned', 'provider_error', 'async_payment_failed', 'payment_failed', 'trade_closed', 'pay_error'] as const;

/** The message key of a failure reason (unknown codes fall back to `unknown`). */
export function failureReasonKey(reason: string | null): string {
  return reason && (knownFailureReasons as readonly string[]).includes(reason) ? reason : 'unknown';
}
