import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxMessages } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { mailboxEnabled, transportsFromConfig } from './mailbox';
import { DeliveryError } from './transports';

const email = { to: 'customer@example.com', subject: 'Your code', text: 'Code 123456', html: '<p>Code 123456</p>' };

describe('the demo mailbox is keyed on the mode, never on a missing SMTP_URL', () => {
  it('exists in demo mode only', () => {
    expect(mailboxEnabled({ demoMode: true })).toBe(true);
    expect(mailboxEnabled({ demoMode: false })).toBe(false);
  });
});

describe.each(testDatabaseKinds())('email transports by mode on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('production sends email over SMTP and keeps nothing in the mailbox, even when the server is down', async () => {
    const transports = transportsFromConfig(t.db, { demoMode: false, smtpUrl: 'smtp://127.0.0.1:1', smtpFrom: 'no-reply@portal.test' });
    await expect(transports.email.sendEmail(email)).rejects.toBeInstanceOf(DeliveryError);
    expect(await t.db.select().from(mailboxMessages)).toEqual([]);
  });

  it('production without SMTP_URL does not fall back to the mailbox', () => {
    expect(() => transportsFromConfig(t.db, { demoMode: false, smtpUrl: null, smtpFrom: 'no-reply@portal.test' })).toThrow(/SMTP_URL/);
  });

  it('demo mode keeps email in the mailbox, even with SMTP_URL set', async () => {
    const transports = transportsFromConfig(t.db, { demoMode: true, smtpUrl: 'smtp://127.0.0.1:1', smtpFrom: 'no-reply@portal.test' });
    await transports.email.sendEmail(email);
    expect((await t.db.select().from(mailboxMessages)).map((m) => m.recipient)).toEqual(['customer@example.com']);
  });
});
