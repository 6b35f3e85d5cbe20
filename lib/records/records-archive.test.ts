import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordActivity } from '@/lib/audit/record-activity';
import type { Viewer } from '@/lib/auth/viewer';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { getInvoicePdf, invoicePdfFileName } from '@/lib/invoices/invoice-queries';
import { requestInvoice } from '@/lib/invoices/request-invoice';
import { createInvoiceTestDatabase, ISSUE, settleCharges, TZ } from '@/lib/invoices/testing';
import { createInvoiceTitle } from '@/lib/invoices/titles';
import { readZip } from '@/lib/invoices/zip-testing';
import { queryRows } from '@/lib/db/sql-rows';
import { startRecordsDownload } from './records-archive';

const now = new Date('2026-04-10T04:00:00Z');

async function issuedInvoice(t: TestDatabase, accountId: string): Promise<string> {
  const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: `Customer ${accountId}` }, now });
  const request = await requestInvoice(t.db, { accountId, actor: null, fromMonth: '2026-03', toMonth: '2026-03', titleId: title.id, kind: 'general', recipientEmails: [], now });
  await issueInvoice(t.db, { invoiceId: request.invoiceId, actor: null, now, ...ISSUE });
  return request.invoiceId;
}

async function download(t: TestDatabase, accountId: string) {
  const viewer = { userId: null, name: 'Records Tester', accountId, impersonation: null } as unknown as Viewer;
  const started = await startRecordsDownload(t.db, { viewer, timeZone: TZ, now, ip: '203.0.113.9', userAgent: 'test' });
  const zip = Buffer.from(await new Response(started.body).arrayBuffer());
  return { ...started, entries: readZip(zip) };
}

describe.each(testDatabaseKinds())('the customer’s records download on %s', (kind) => {
  let t: TestDatabase;
  const mine = `REC${kind === 'postgres' ? 'P' : 'L'}1`;
  const theirs = `REC${kind === 'postgres' ? 'P' : 'L'}2`;
  let invoiceId: string;
  beforeAll(async () => {
    t = await createInvoiceTestDatabase(kind);
    await settleCharges(t.db, mine, [{ day: '2026-03-02', service: 'compute', quantity: '100' }]);
    await settleCharges(t.db, theirs, [{ day: '2026-03-03', service: 'traffic', quantity: '7' }]);
    invoiceId = await issuedInvoice(t, mine);
    await issuedInvoice(t, theirs);
    await recordActivity(t.db, { accountId: theirs, actorUserId: null, actorName: 'Other', kind: 'locale_changed', at: now });
  });
  afterAll(async () => t?.close());

  it('holds the fixed files and the account’s issued invoice, and announces how many files', async () => {
    const { entries, files, fileName } = await download(t, mine);
    const [pdf] = await Promise.all([getInvoicePdf(t.db, { invoiceId, accountId: mine })]);
    if (!pdf) throw new Error('no pdf');
    expect(entries.map((e) => e.name)).toEqual(['README.txt', 'activity.jsonl', 'charges.csv', 'top-ups.csv', 'contact.json', invoicePdfFileName(pdf.number)]);
    expect(files).toBe(entries.length);
    expect(fileName).toBe(`records-${mine}-2026-04-10.zip`);
    expect(entries[5].content.equals(Buffer.from(pdf.pdf))).toBe(true);
  });

  it('has the account’s charges, top-ups and activity, and nothing of another account', async () => {
    const { entries } = await download(t, mine);
    const text = (name: string) => entries.find((e) => e.name === name)?.content.toString('utf8') ?? '';
    // Mine: compute on 03-02 and settleCharges' top-up; theirs: traffic only.
    expect(text('charges.csv')).toContain('2026-03-02');
    expect(text('charges.csv')).toMatch(/compute/i);
    expect(text('charges.csv')).not.toMatch(/traffic/i);
    expect(text('top-ups.csv').split('\r\n')[0]).toBe('\uFEFFid,created_at,provider,amount_cny,status,failure_reason,settled_at');
    const activity = text('activity.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { accountId: string; kind: string });
    expect(activity.every((r) => r.accountId === mine)).toBe(true);
    expect(activity.map((r) => r.kind)).toContain('records_download');
    expect(JSON.parse(text('contact.json'))).toMatchObject({ accountId: mine });
    expect(entries.filter((e) => e.name.endsWith('.pdf'))).toHaveLength(1);
  });

  it('records each download in the account’s activity log', async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activity_records where account_id = ${mine} and kind = 'records_download'`))[0].n;
    const before = await count();
    await download(t, mine);
    expect(await count()).toBe(before + 1);
  });
});
