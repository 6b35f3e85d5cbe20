import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { invoiceCsvStream } from './export-csv';
import { countFinancePdfs, csvRates, financePdfFiles, getInvoicePdf, invoiceCsvRows, listFinanceInvoices } from './invoice-queries';
import { issueCreditNote } from './issue-credit-note';
import { issueInvoice } from './issue-invoice';
import { requestInvoice } from './request-invoice';
import { createInvoiceTestDatabase, ISSUE, settleCharges, TZ } from './testing';
import { createInvoiceTitle } from './titles';
import { zipPdfs } from './zip-pdfs';

const NOW = new Date('2026-05-20T02:00:00Z');

async function text(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe.each(testDatabaseKinds())('finance queue and exports on %s', (kind) => {
  let t: TestDatabase;
  const ids: Record<'march' | 'april' | 'pending' | 'credit', string> = { march: '', april: '', pending: '', credit: '' };

  beforeAll(async () => {
    t = await createInvoiceTestDatabase(kind);
    const request = async (accountId: string, day: string, titleType: 'individual' | 'organization') => {
      await settleCharges(t.db, accountId, [
        { day, service: 'compute', quantity: '100' },
        { day, service: 'traffic', quantity: '10' },
      ]);
      const title = await createInvoiceTitle(t.db, {
        accountId,
        title: titleType === 'organization' ? { type: 'organization', name: '=Formula Ltd.', taxpayerId: '91350100M000100Y43' } : { type: 'individual', name: `Person ${accountId}` },
        now: NOW,
      });
      const r = await requestInvoice(t.db, { accountId, actor: null, fromMonth: day.slice(0, 7), toMonth: day.slice(0, 7), titleId: title.id, kind: 'general', recipientEmails: [], now: NOW });
      return r.invoiceId;
    };
    ids.march = await request('F1', '2026-03-02', 'organization');
    ids.april = await request('F2', '2026-03-03', 'individual');
    ids.pending = await request('F3', '2026-03-04', 'individual');
    await issueInvoice(t.db, { invoiceId: ids.march, actor: null, now: new Date('2026-03-10T02:00:00Z'), ...ISSUE });
    await issueInvoice(t.db, { invoiceId: ids.april, actor: null, now: new Date('2026-04-10T02:00:00Z'), ...ISSUE });
    const credit = await issueCreditNote(t.db, { invoiceId: ids.april, actor: null, now: new Date('2026-04-11T02:00:00Z'), ...ISSUE });
    ids.credit = credit.creditNoteId;
  }, 120_000);
  afterAll(async () => t?.close());

  it('filters the queue by status and by date (issue date when issued, else request date)', async () => {
    const list = async (status: Parameters<typeof listFinanceInvoices>[1]['status'], from?: string, to?: string) =>
      (await listFinanceInvoices(t.db, { status, from, to, timeZone: TZ })).map((i) => i.id);
    expect(await list('requested')).toEqual([ids.pending]);
    expect(await list('issued')).toEqual([ids.march]);
    expect(await list('credited')).toEqual([ids.april]);
    expect(await list('credit_note')).toEqual([ids.credit]);
    expect(new Set(await list('all'))).toEqual(new Set(Object.values(ids)));
    expect(new Set(await list('all', '2026-04-01', '2026-04-30'))).toEqual(new Set([ids.april, ids.credit]));
    expect(await list('all', '2026-03-10', '2026-03-10')).toEqual([ids.march]);
    const [credited] = await listFinanceInvoices(t.db, { status: 'credited', timeZone: TZ });
    expect(credited.relatedNumber).toBe('INV-2026-000003');
  });

  it('zips every PDF of a filter, the count and size known before streaming', async () => {
    const filter = { status: 'all' as const, timeZone: TZ };
    expect(await countFinancePdfs(t.db, filter)).toMatchObject({ files: 3 });
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const progress = await zipPdfs(financePdfFiles(t.db, filter), sink);
    expect(progress).toMatchObject({ files: 3, done: true });
    const zip = Buffer.concat(chunks);
    for (const id of [ids.march, ids.april, ids.credit]) {
      const pdf = await getInvoicePdf(t.db, { invoiceId: id });
      expect(zip.indexOf(Buffer.from(pdf!.pdf))).toBeGreaterThan(0);
      expect(zip.indexOf(`${pdf!.number}.pdf`)).toBeGreaterThan(0);
    }
    const { bytes } = await countFinancePdfs(t.db, filter);
    expect(zip.length).toBeGreaterThan(bytes);
  });

  it('exports CSV rows for a date range: number, date, buyer, taxpayer ID, amounts per rate, status', async () => {
    const range = { from: '2026-03-01', to: '2026-04-30', timeZone: TZ };
    expect((await csvRates(t.db, range)).sort()).toEqual(['0.06', '0.09']);
    const csv = await text(invoiceCsvStream(invoiceCsvRows(t.db, range), { rates: await csvRates(t.db, range), timeZone: TZ }));
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    // 100 vCPU-hours × ¥0.12 = ¥12.00 (6 %: ¥0.72); 10 GB × ¥0.80 = ¥8.00 (9 %: ¥0.72).
    expect(lines[1]).toBe("INV-2026-000001,2026-03-10,'=Formula Ltd.,91350100M000100Y43,12.00,0.72,12.72,8.00,0.72,8.72,issued");
    expect(lines[2]).toBe('INV-2026-000002,2026-04-10,Person F2,,12.00,0.72,12.72,8.00,0.72,8.72,credited by INV-2026-000003');
    expect(lines[3]).toBe('INV-2026-000003,2026-04-11,Person F2,,-12.00,-0.72,-12.72,-8.00,-0.72,-8.72,credit note of INV-2026-000002');
    const march = await text(invoiceCsvStream(invoiceCsvRows(t.db, { from: '2026-03-01', to: '2026-03-31', timeZone: TZ }), { timeZone: TZ }));
    expect(march.trim().split('\r\n')).toHaveLength(2);
  });
});
