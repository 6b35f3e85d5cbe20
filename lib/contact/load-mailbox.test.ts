import { describe, expect, it } from 'vitest';
import { mailboxRecipient } from './load-mailbox';

describe('the demo mailbox filter', () => {
  it('takes an address in any case, a phone number as typed (stored in E.164), and nothing as no filter', () => {
    expect(mailboxRecipient('Alice@Example.TEST')).toBe('alice@example.test');
    expect(mailboxRecipient('138 0013 8000')).toBe('+8613800138000');
    expect(mailboxRecipient('+86 138-0013-8000')).toBe('+8613800138000');
    expect(mailboxRecipient('not a number')).toBe('not a number');
    expect(mailboxRecipient('')).toBeUndefined();
  });
});
