import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** The rules of one-time verification codes, in one place. */
export const OTP_RULES = {
  digits: 6,
  /** A code is valid for 10 minutes after it was sent. */
  ttlMs: 10 * 60 * 1000,
  /** Wrong entries before the code is locked (a new code must be requested). */
  maxAttempts: 5,
  /** Between two codes to the same value (a different value is bounded by the rate limits). */
  resendCooldownMs: 60 * 1000,
  /** Codes one account may request in a rolling window. */
  maxSendsPerAccount: 10,
  /** Codes one IP address may request in a rolling window (all accounts together). */
  maxSendsPerIp: 30,
  rateWindowMs: 60 * 60 * 1000,
} as const;

export function generateCode(): string {
  return randomInt(0, 10 ** OTP_RULES.digits).toString().padStart(OTP_RULES.digits, '0');
}

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

/** Codes are stored only as a salted HMAC, never in plain text. */
export function hashCode(code: string, salt: string): string {
  return createHmac('sha256', salt).update(code).digest('base64url');
}

export function codeMatches(code: string, salt: string, hash: string): boolean {
  const given = Buffer.from(hashCode(code.trim(), salt));
  const stored = Buffer.from(hash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
