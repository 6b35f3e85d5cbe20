import { describe, expect, it } from 'vitest';
import { channelView } from './load-contact';
import { formatPhone } from './phone';

const at = new Date('2026-03-10T08:00:00Z');

describe('a contact channel as the page shows it', () => {
  it('shows a phone formatted, while the pending value is sent back as stored', () => {
    const view = channelView('phone', {
      verified: '+8613800138000',
      verifiedAt: at,
      pending: { value: '+8613900139000', status: 'pending', sentAt: at, expiresAt: at, expired: false, attemptsLeft: 4 },
      resendAvailableAt: at,
    });
    expect(view.verified).toBe(formatPhone('+8613800138000'));
    expect(view.verified).not.toBe('+8613800138000');
    expect(view.pending).toEqual({ value: '+8613900139000', display: formatPhone('+8613900139000'), status: 'pending', expired: false, attemptsLeft: 4, expiresAt: at });
    expect(view.resendAvailableAt).toBe(at.toISOString());
  });

  it('shows an email as it is, and nothing when none is verified or pending', () => {
    expect(channelView('email', { verified: 'a@example.test', verifiedAt: at, pending: null, resendAvailableAt: null })).toEqual({
      channel: 'email',
      verified: 'a@example.test',
      verifiedAt: at,
      pending: null,
      resendAvailableAt: null,
    });
    expect(channelView('email', { verified: null, verifiedAt: null, pending: null, resendAvailableAt: null }).verified).toBeNull();
  });
});
