/** `BILLING_TZ`'s default: the billing time zone when none is configured (service days, statements, invoices). */
export const DEFAULT_BILLING_TIME_ZONE = 'Asia/Shanghai';
