import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContactDetails } from '@/lib/contact/contact-details';
import { setMonthlyStatement } from '@/lib/contact/manage-contact';
import { seedVerifiedContacts } from '@/lib/demo/contacts';
import { documentEmails, payments, users } from '@/lib/db/schema';
import type { TestDatabase } from '@/lib/db/testing';
import { testDatabaseKinds } from '@/lib/db/testing';
import { getInvoicePdf } from '@/lib/invoices/invoice-queries';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { requestInvoice } from '@/lib/invoices/request-invoice';
import { createInvoiceTestDatabase, ISSUE, settleCharges, TZ } from '@/lib/invoices/testing';
import { createInvoiceTitle } from '@/lib/invoices/titles';
import { applyPaymentUpdate } from '@/lib/payments/apply-payment-update';
import { renderDocumentEmail } from '@/lib/documents/document-email';
import { enqueueMonthlyStatements } from '@/lib/statements/statement-emails';
import { deliverDocumentEmails, enqueueInvoiceEmails, listDocumentEmails, statementRef } from './document-emails';
import { transportsFromConfig } from './mailbox';
import { retryDelayMs } from './outbox';
import { decodeWords, leafParts, parseMime, startSmtpServer, type MimePart } from './smtp-test-server';

const NOW = new Date('2026-05-20T02:00:00Z');
const FROM = 'Billing <billing@portal.test>';
const APP = 'http://portal.test';

describe.each(testDatabaseKinds())('documents by email over a real SMTP server, on %s', (kind) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let serial = 0;
  let nextDay = 2;

  beforeAll(async () => {
    [t, smtp] = await Promise.all([createInvoiceTestDatabase(kind), startSmtpServer()]);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  const transports = (url = smtp.url) => transportsFromConfig(t.db, { demoMode: false, smtpUrl: url, smtpFrom: FROM });
  const render = (db: typeof t.db, row: Parameters<typeof renderDocumentEmail>[1]) => renderDocumentEmail(db, row, { appUrl: APP, timeZone: TZ, seller: ISSUE.seller });
  const deliver = (now: Date, url?: string) => deliverDocumentEmails(t.db, { now, transports: transports(url), render });
  const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  /** A customer with settled March charges, a verified email, and an invoice requested for March to `recipients`. */
  async function requested(recipients: string[], opts: { locale?: string; email?: string } = {}) {
    serial += 1;
    const accountId = `DOC${kind === 'postgres' ? 'P' : 'L'}${serial}`;
    const day = `2026-03-${String(nextDay).padStart(2, '0')}`;
    nextDay += 1;
    await settleCharges(t.db, accountId, [
      { day, service: 'compute', quantity: '240' },
      { day, service: 'traffic', quantity: '10' },
    ]);
    await t.db.insert(users).values({ email: `${accountId.toLowerCase()}@demo.test`, name: accountId, locale: opts.locale ?? null, accountId });
    await seedVerifiedContacts(t.db, { accountId, email: opts.email ?? `${accountId.toLowerCase()}@example.com`, now: NOW });
    const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: `Customer ${accountId}` }, now: NOW });
    const request = await requestInvoice(t.db, { accountId, actor: null, fromMonth: '2026-03', toMonth: '2026-03', titleId: title.id, kind: 'general', recipientEmails: recipients, now: NOW });
    return { accountId, invoiceId: request.invoiceId };
  }

  const attachmentOf = (message: MimePart) => leafParts(message).find((p) => p.type === 'application/pdf');
  const textOf = (message: MimePart, type: 'text/plain' | 'text/html') => leafParts(message).find((p) => p.type === type)?.body.toString('utf8') ?? '';

  it('an issued invoice is emailed to each recipient the customer gave, once, with its frozen PDF attached', async () => {
    const { accountId, invoiceId } = await requested(['Buyer.One@example.com', 'accounts@example.com', 'buyer.one@example.com']);
    const issued = await issueInvoice(t.db, { invoiceId, actor: null, now: NOW, ...ISSUE });
    expect((await listDocumentEmails(t.db, accountId)).map((r) => [r.kind, r.destination, r.status])).toEqual([
      ['invoice', 'accounts@example.com', 'pending'],
      ['invoice', 'buyer.one@example.com', 'pending'],
    ]);

    const summary = await deliver(NOW);
    expect(summary).toMatchObject({ sent: 2, bounced: 0, failed: 0, retrying: 0 });
    const stored = await getInvoicePdf(t.db, { invoiceId });
    for (const address of ['buyer.one@example.com', 'accounts@example.com']) {
      const mails = mailTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0].from).toBe('billing@portal.test');
      const message = parseMime(mails[0].raw);
      expect(message.headers.get('from')).toBe(FROM);
      expect(decodeWords(message.headers.get('subject') ?? '')).toBe(`Invoice ${issued.number}`);
      expect(message.type).toBe('multipart/mixed');
      expect(textOf(message, 'text/plain')).toContain(`Your invoice ${issued.number} for ¥`);
      expect(textOf(message, 'text/plain')).toContain(`${APP}/invoices`);
      expect(textOf(message, 'text/html')).toContain('<h1');
      const pdf = attachmentOf(message);
      expect(pdf?.filename).toBe(`${issued.number}.pdf`);
      expect(Buffer.compare(pdf!.body, Buffer.from(stored!.pdf))).toBe(0);
    }
    const rows = await listDocumentEmails(t.db, accountId);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.providerMessageId)).toBe(true);

    // Once per document: another pass, or queuing the same invoice again, sends nothing.
    const before = smtp.received.length;
    expect(await deliver(new Date(NOW.getTime() + 3_600_000))).toMatchObject({ sent: 0 });
    expect(await enqueueInvoiceEmails(t.db, { invoiceId, accountId, kind: 'invoice', recipients: ['accounts@example.com', 'buyer.one@example.com'], now: NOW })).toBe(0);
    expect(await deliver(new Date(NOW.getTime() + 7_200_000))).toMatchObject({ sent: 0 });
    expect(smtp.received.length).toBe(before);
  });

  it('a credit note goes to the same recipients with its own PDF, in the customer’s language', async () => {
    const { accountId, invoiceId } = await requested(['zh.buyer@example.com'], { locale: 'zh-CN' });
    const issued = await issueInvoice(t.db, { invoiceId, actor: null, now: NOW, ...ISSUE });
    await deliver(NOW);
    const credited = await issueCreditNote(t.db, { invoiceId, actor: null, now: new Date(NOW.getTime() + 60_000), ...ISSUE });
    expect(await deliver(new Date(NOW.getTime() + 60_000))).toMatchObject({ sent: 1 });

    const mails = mailTo('zh.buyer@example.com').map((m) => parseMime(m.raw));
    expect(mails.map((m) => decodeWords(m.headers.get('subject') ?? ''))).toEqual([`发票 ${issued.number}`, `红字发票 ${credited.number}`]);
    const creditMail = mails[1];
    expect(textOf(creditMail, 'text/plain')).toContain(`冲销发票 ${issued.number}`);
    const stored = await getInvoicePdf(t.db, { invoiceId: credited.creditNoteId });
    const pdf = attachmentOf(creditMail);
    expect(pdf?.filename).toBe(`${credited.number}.pdf`);
    expect(Buffer.compare(pdf!.body, Buffer.from(stored!.pdf))).toBe(0);
    expect((await listDocumentEmails(t.db, accountId, 'credit_note')).map((r) => r.documentRef)).toEqual([credited.creditNoteId]);
  });

  it('a refused recipient is a bounce, not retried; when it is the verified email the customer is prompted to check it', async () => {
    const { accountId, invoiceId } = await requested(['refused.own@example.com', 'fine@example.com'], { email: 'refused.own@example.com' });
    await issueInvoice(t.db, { invoiceId, actor: null, now: NOW, ...ISSUE });
    expect(await deliver(NOW)).toMatchObject({ sent: 1, bounced: 1 });
    const rows = await listDocumentEmails(t.db, accountId);
    expect(rows.find((r) => r.destination === 'refused.own@example.com')).toMatchObject({ status: 'bounced', attempts: 1 });
    expect(rows.find((r) => r.destination === 'refused.own@example.com')?.lastError).toMatch(/550/);
    expect((await getContactDetails(t.db, accountId, NOW)).prompt).toMatchObject({ reason: 'bounced', channel: 'email', destination: 'refused.own@example.com' });
    expect(await deliver(new Date(NOW.getTime() + 86_400_000))).toMatchObject({ sent: 0, bounced: 0 });
  });

  it('an unreachable SMTP server is retried with backoff, then delivered', async () => {
    const { accountId, invoiceId } = await requested(['later@example.com']);
    await issueInvoice(t.db, { invoiceId, actor: null, now: NOW, ...ISSUE });
    expect(await deliver(NOW, 'smtp://127.0.0.1:1')).toMatchObject({ retrying: 1 });
    const [row] = await listDocumentEmails(t.db, accountId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBe(NOW.getTime() + retryDelayMs(1));
    expect(await deliver(new Date(row.nextAttemptAt.getTime() - 1))).toMatchObject({ sent: 0 });
    expect(await deliver(row.nextAttemptAt)).toMatchObject({ sent: 1 });
    expect(mailTo('later@example.com')).toHaveLength(1);
  });

  it('an issue that rolls back queues nothing', async () => {
    const { accountId, invoiceId } = await requested(['rollback@example.com']);
    await expect(
      t.db.transaction(async (tx) => {
        await issueInvoice(tx, { invoiceId, actor: null, now: NOW, ...ISSUE });
        throw new Error('issue failed');
      }),
    ).rejects.toThrow('issue failed');
    expect(await listDocumentEmails(t.db, accountId)).toEqual([]);
  });

  it('the monthly statement is queued on the 1st for customers who asked before the month ended, once, and emailed with its PDF', async () => {
    const asked = await requested([]);
    const never = await requested([]);
    const late = await requested([], { locale: 'zh-CN' });
    // Who switches the statement on is not what this test is about.
    const actor = { userId: '00000000-0000-4000-8000-000000000001', name: 'Customer' };
    await setMonthlyStatement(t.db, { accountId: asked.accountId, enabled: true, actor, now: new Date('2026-03-05T00:00:00Z') });
    // 2026-04-01 00:30 in Shanghai: April has begun, so this opt-in counts from April's statement on.
    await setMonthlyStatement(t.db, { accountId: late.accountId, enabled: true, actor, now: new Date('2026-03-31T16:30:00Z') });
    const firstOfApril = new Date('2026-03-31T17:00:00Z');

    await enqueueMonthlyStatements(t.db, { now: firstOfApril, timeZone: TZ });
    await enqueueMonthlyStatements(t.db, { now: new Date(firstOfApril.getTime() + 3_600_000), timeZone: TZ });
    expect((await listDocumentEmails(t.db, asked.accountId, 'statement')).map((r) => r.documentRef)).toEqual([statementRef(asked.accountId, '2026-03')]);
    expect(await listDocumentEmails(t.db, never.accountId, 'statement')).toEqual([]);
    expect(await listDocumentEmails(t.db, late.accountId, 'statement')).toEqual([]);

    await deliver(firstOfApril);
    const [mail] = mailTo(`${asked.accountId.toLowerCase()}@example.com`).map((m) => parseMime(m.raw));
    expect(decodeWords(mail.headers.get('subject') ?? '')).toBe('Your account statement for 2026-03');
    // The fixture's top-up (¥1,000,000.00) and the day's charges (compute 240 vCPU-h: 28.80 + 1.73 VAT;
    // traffic 10 GB: 8.00 + 0.72 VAT) were all posted in March.
    expect(textOf(mail, 'text/plain')).toContain('opening balance ¥0.00, closing balance ¥999,960.75');
    const pdf = attachmentOf(mail);
    expect(pdf?.filename).toBe(`statement-${asked.accountId}-2026-03.pdf`);
    expect(pdf!.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // May 1st: both now asked before April ended.
    await enqueueMonthlyStatements(t.db, { now: new Date('2026-04-30T16:00:00Z'), timeZone: TZ });
    expect((await listDocumentEmails(t.db, late.accountId, 'statement')).map((r) => r.documentRef)).toEqual([statementRef(late.accountId, '2026-04')]);
    expect(await listDocumentEmails(t.db, asked.accountId, 'statement')).toHaveLength(2);
    await deliver(new Date('2026-04-30T16:00:00Z'));
    const [zh] = mailTo(`${late.accountId.toLowerCase()}@example.com`).map((m) => parseMime(m.raw));
    expect(decodeWords(zh.headers.get('subject') ?? '')).toBe('您 2026-04 的账户对账单');

    // Turning it off stops the next month's.
    await setMonthlyStatement(t.db, { accountId: asked.accountId, enabled: false, actor, now: new Date('2026-05-10T00:00:00Z') });
    await enqueueMonthlyStatements(t.db, { now: new Date('2026-05-31T16:00:00Z'), timeZone: TZ });
    expect(await listDocumentEmails(t.db, asked.accountId, 'statement')).toHaveLength(2);
    expect(await t.db.select().from(documentEmails).where(eq(documentEmails.accountId, never.accountId))).toEqual([]);
  });

  it('a paid top-up’s receipt goes once to the verified email, with the receipt PDF (not a VAT invoice), however often the payment is confirmed', async () => {
    serial += 1;
    const accountId = `DOC${kind === 'postgres' ? 'P' : 'L'}${serial}`;
    await settleCharges(t.db, accountId, []);
    const [user] = await t.db.insert(users).values({ email: `${accountId.toLowerCase()}@demo.test`, name: accountId, locale: 'zh-CN', accountId }).returning({ id: users.id });
    await seedVerifiedContacts(t.db, { accountId, email: `${accountId.toLowerCase()}@example.com`, now: NOW });
    const paymentId = `pay_receipt_${accountId.toLowerCase()}`;
    await t.db.insert(payments).values({ id: paymentId, accountId, createdByUserId: user.id, provider: 'sandbox', providerPaymentId: `sbx_${paymentId}`, amountFen: 12_345n, status: 'pending', createdAt: NOW, expiresAt: new Date(NOW.getTime() + 1_800_000) });
    const confirm = () =>
      applyPaymentUpdate(t.db, { provider: 'sandbox', eventId: `evt_${paymentId}`, eventType: 'payment.succeeded', receivedAt: NOW }, { kind: 'succeeded', providerPaymentId: `sbx_${paymentId}`, amountFen: 12_345n, currency: 'CNY' });
    expect((await confirm()).outcome).toBe('credited');
    expect((await confirm()).outcome).toBe('duplicate');
    expect((await listDocumentEmails(t.db, accountId, 'receipt')).map((r) => [r.documentRef, r.destination, r.locale])).toEqual([[paymentId, `${accountId.toLowerCase()}@example.com`, 'zh-CN']]);

    expect(await deliver(NOW)).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = mailTo(`${accountId.toLowerCase()}@example.com`);
    const message = parseMime(mail.raw);
    expect(decodeWords(message.headers.get('subject') ?? '')).toBe(`充值 ${paymentId} 的收据`);
    expect(textOf(message, 'text/plain')).toContain('不是增值税发票');
    const pdf = attachmentOf(message);
    expect(pdf?.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
