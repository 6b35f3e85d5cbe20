import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox card processor signs each webhook like the big providers do:
 * `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * A receiver recomputes the HMAC over the exact bytes it received and refuses a timestamp
 * outside the tolerance, so a captured delivery cannot be replayed later.
 */
export const SANDBOX_SIGNATURE_HEADER = 'sandbox-signature';
export const SANDBOX_SIGNATURE_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header for a body sent at `timestamp` (unix seconds). */
export function signSandboxPayload(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'missing_header' | 'malformed_header' | 'bad_signature' | 'stale_timestamp' };

/** Checks a signature header against the raw body, the secret and the receiver's clock. */
export function verifySandboxSignature(
  body: string,
  header: string | null,
  secret: string,
  now: Date,
  toleranceSeconds = SANDBOX_SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing_header' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed_header' };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  const matches = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!matches) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, timestamp };
}
