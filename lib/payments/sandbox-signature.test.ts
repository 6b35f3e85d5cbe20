import { describe, expect, it } from 'vitest';
import { signSandboxPayload, verifySandboxSignature } from './sandbox-signature';

const secret = 'test-secret';
const body = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded' });
const now = new Date('2026-03-12T09:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('sandbox webhook signature (HMAC-SHA256 over "t.body", 5-minute tolerance)', () => {
  it('verifies what it signed', () => {
    const header = signSandboxPayload(body, secret, t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySandboxSignature(body, header, secret, now)).toEqual({ ok: true, timestamp: t });
  });

  it('refuses a changed body, another secret, or a missing/garbled header', () => {
    const header = signSandboxPayload(body, secret, t);
    expect(verifySandboxSignature(body.replace('succeeded', 'declined'), header, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySandboxSignature(body, header, 'other', now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySandboxSignature(body, null, secret, now)).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifySandboxSignature(body, 'v1=abc', secret, now)).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verifySandboxSignature(body, `t=${t}`, secret, now)).toEqual({ ok: false, reason: 'malformed_header' });
  });

  it('refuses a timestamp more than 5 minutes away, in either direction', () => {
    const at = (seconds: number) => signSandboxPayload(body, secret, t + seconds);
    expect(verifySandboxSignature(body, at(-300), secret, now).ok).toBe(true);
    expect(verifySandboxSignature(body, at(-301), secret, now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifySandboxSignature(body, at(301), secret, now)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('a signature moved to another timestamp does not verify (the timestamp is signed)', () => {
    const header = signSandboxPayload(body, secret, t - 1000);
    const moved = header.replace(/t=\d+/, `t=${t}`);
    expect(verifySandboxSignature(body, moved, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts any one matching v1 among several (secret rotation)', () => {
    const good = signSandboxPayload(body, secret, t).split(',v1=')[1];
    expect(verifySandboxSignature(body, `t=${t},v1=${'0'.repeat(64)},v1=${good}`, secret, now).ok).toBe(true);
  });
});
