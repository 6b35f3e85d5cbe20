import { DomainError, type ErrorParams } from '@/lib/errors';

/** Each refusal of a contact change and its message, `contact.errors.<key>`. */
const MESSAGE_KEYS = {
  invalid_email: 'invalidEmail',
  invalid_phone: 'invalidPhone',
  not_mobile: 'notMobile',
  cooldown: 'cooldown',
  rate_limited_account: 'rateLimitedAccount',
  rate_limited_ip: 'rateLimitedIp',
  recipient_refused: 'recipientRefused',
  send_failed: 'sendFailed',
  no_pending: 'noPending',
  expired: 'expired',
  locked: 'locked',
  wrong_code: 'wrongCode',
  code_format: 'codeFormat',
  too_long: 'addressTooLong',
} as const;

export type ContactErrorCode = keyof typeof MESSAGE_KEYS;

/** The form field each refusal is about (the value typed, the code entered, the address). */
const FIELDS: Partial<Record<ContactErrorCode, string>> = {
  invalid_email: 'value',
  invalid_phone: 'value',
  not_mobile: 'value',
  recipient_refused: 'value',
  wrong_code: 'code',
  code_format: 'code',
  too_long: 'postalAddress',
};

/**
 * A contact change refused: the value is not a valid address or mobile number, codes were asked
 * for too often (`retryAt`: when the next may be), the code could not be sent, or the code entered
 * is wrong (`attemptsLeft`), expired, locked or has no pending change.
 */
export class ContactError extends DomainError<ContactErrorCode> {
  readonly retryAt: Date | null;
  readonly attemptsLeft: number | null;

  constructor(code: ContactErrorCode, details: { retryAt?: Date; now?: Date; attemptsLeft?: number } = {}) {
    const { retryAt, now, attemptsLeft } = details;
    // The cooldown is told in seconds from now, the rate limits as the time they end.
    const params: ErrorParams =
      code === 'cooldown' && retryAt && now
        ? { seconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) }
        : (code === 'rate_limited_account' || code === 'rate_limited_ip') && retryAt
          ? { time: retryAt }
          : code === 'wrong_code'
            ? { count: attemptsLeft ?? 0 }
            : {};
    super(code, code, { field: FIELDS[code], messageKey: `contact.errors.${MESSAGE_KEYS[code]}`, params });
    this.name = 'ContactError';
    this.retryAt = retryAt ?? null;
    this.attemptsLeft = attemptsLeft ?? null;
  }
}
