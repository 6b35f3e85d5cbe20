import { execFileSync } from 'node:child_process';
import { and, eq, isNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/billing/service-day';
import { chargeLines, invoiceCharges, invoices, notices } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { normalizeTaxRate } from './invoice-document';
import { InvoiceError } from './invoice-error';
import { getInvoicePdf, listAccountInvoices } from './invoice-queries';
import { invoiceableByMonth } from './invoiceable-charges';
import { issueCreditNote } from './issue-credit-note';
import { issueInvoice } from './issue-invoice';
import { takeInvoiceNumber } from './invoice-number';
import { rejectInvoice } from './reject-invoice';
import { requestInvoice } from './request-invoice';
import { createInvoiceTestDatabase, ISSUE, settleCharges, TZ, type UsageOfDay } from './testing';
import { createInvoiceTitle } from './titles';

function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
}

const NOW = new Date('2026-05-20T02:00:00Z');

describe.each(testDatabaseKinds())('invoice lifecycle on %s', (kind) => {
  let t: TestDatabase;
  let serial = 0;
  /** Service days advance through the tests, so each test's usage is settled as usage of its own days. */
  let nextDay = '2026-03-01';

  beforeAll(async () => {
    t = await createInvoiceTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  function days(count: number): string[] {
    const out = Array.from({ length: count }, (_, i) => addDays(nextDay, i));
    nextDay = addDays(nextDay, count);
    return out;
  }

  async function customerWithCharges(usage: (days: string[]) => UsageOfDay[], dayCount = 3) {
    serial += 1;
    const accountId = `INV${kind === 'postgres' ? 'P' : 'L'}${serial}`;
    const span = days(dayCount);
    await settleCharges(t.db, accountId, usage(span));
    const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: `Customer ${accountId}` }, now: NOW });
    return { accountId, titleId: title.id, days: span, month: span[0].slice(0, 7), lastMonth: span[span.length - 1].slice(0, 7) };
  }

  const standardUsage = (span: string[]): UsageOfDay[] =>
    span.flatMap((day, i) => [
      { day, service: 'compute' as const, quantity: `${24 + i}.5` },
      { day, service: 'storage' as const, quantity: '100' },
      { day, service: 'traffic' as const, quantity: `${3 + i}.25` },
    ]);

  async function chargeSums(accountId: string) {
    const rows = await t.db
      .select({ rate: chargeLines.taxRate, net: sql<string>`sum(net_fen)::text`, tax: sql<string>`sum(tax_fen)::text`, gross: sql<string>`sum(gross_fen)::text` })
      .from(chargeLines)
      .where(eq(chargeLines.accountId, accountId))
      .groupBy(chargeLines.taxRate);
    return new Map(rows.map((r) => [normalizeTaxRate(r.rate), { net: BigInt(r.net), tax: BigInt(r.tax), gross: BigInt(r.gross) }]));
  }

  async function liveLinks(accountId: string) {
    return t.db
      .select({ invoiceId: invoiceCharges.invoiceId, chargeLineId: invoiceCharges.chargeLineId })
      .from(invoiceCharges)
      .innerJoin(chargeLines, eq(chargeLines.id, invoiceCharges.chargeLineId))
      .where(and(eq(chargeLines.accountId, accountId), isNull(invoiceCharges.releasedAt)));
  }

  async function request(c: { accountId: string; titleId: string; month: string; lastMonth: string }) {
    return requestInvoice(t.db, { accountId: c.accountId, actor: null, fromMonth: c.month, toMonth: c.lastMonth, titleId: c.titleId, kind: 'general', recipientEmails: ['a@example.com'], now: NOW });
  }

  it('an invoice covers the settled charges of its months: per rate, its amounts are the sums of those charges', async () => {
    const c = await customerWithCharges(standardUsage);
    const months = await invoiceableByMonth(t.db, c.accountId);
    const sums = await chargeSums(c.accountId);
    const gross = [...sums.values()].reduce((s, x) => s + x.gross, 0n);
    expect(months.reduce((s, m) => s + m.gross, 0n)).toBe(gross);

    const result = await request(c);
    expect(result.document.total.gross).toBe(gross);
    expect(result.document.totalsByRate.map((r) => r.taxRate).sort()).toEqual([...sums.keys()].sort());
    for (const total of result.document.totalsByRate) expect({ net: total.net, tax: total.tax, gross: total.gross }).toEqual(sums.get(total.taxRate));
    expect(await liveLinks(c.accountId)).toHaveLength(9);
    // Nothing left to invoice: the same months again find no charges.
    expect(await invoiceableByMonth(t.db, c.accountId)).toEqual([]);
    await expect(request(c)).rejects.toMatchObject({ code: 'nothing_to_invoice' });
  });

  it('outage credits are invoiced as negative amounts against their service; the top-up is not invoiced', async () => {
    serial += 1;
    const accountId = `CR${kind === 'postgres' ? 'P' : 'L'}${serial}`;
    const [day] = days(1);
    await settleCharges(t.db, accountId, [{ day, service: 'compute', quantity: '240' }], [{ day, service: 'compute', minutes: 144 }]);
    const lines = await t.db.select({ kind: chargeLines.kind, gross: chargeLines.grossFen }).from(chargeLines).where(eq(chargeLines.accountId, accountId));
    // 240 vCPU-hours × ¥0.12 = ¥28.80 + 6 % = ¥30.53; 144 of 1440 minutes down: −¥2.88 − ¥0.17.
    expect(lines.map((l) => [l.kind, l.gross]).sort()).toEqual([
      ['sla_credit', -305n],
      ['usage', 3053n],
    ]);
    const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: accountId }, now: NOW });
    const result = await requestInvoice(t.db, { accountId, actor: null, fromMonth: day.slice(0, 7), toMonth: day.slice(0, 7), titleId: title.id, kind: 'general', recipientEmails: [], now: NOW });
    expect(result.document.lines).toEqual([{ service: '*信息技术服务*Compute', taxRate: '0.06', chargeCount: 2, net: 2592n, tax: 156n, gross: 2748n }]);
    expect(result.document.totalInCapitals).toBe('贰拾柒元肆角捌分');
  });

  it('20 concurrent requests over the same charges: each charge ends up in exactly one invoice', async () => {
    const c = await customerWithCharges(standardUsage);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => request(c)));
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(ok).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      expect(r.reason).toBeInstanceOf(InvoiceError);
      expect(['charges_taken', 'nothing_to_invoice']).toContain(r.reason.code);
    }
    const links = await liveLinks(c.accountId);
    expect(links).toHaveLength(9);
    expect(new Set(links.map((l) => l.chargeLineId.toString())).size).toBe(9);
    expect(new Set(links.map((l) => l.invoiceId))).toEqual(new Set([ok[0].invoiceId]));
    // The losers wrote nothing: one invoice row for the account.
    expect(await t.db.select().from(invoices).where(eq(invoices.accountId, c.accountId))).toHaveLength(1);
  });

  it('the database refuses a second live link of a charge (the guarantee behind the requests)', async () => {
    const c = await customerWithCharges(standardUsage, 1);
    const first = await request(c);
    const [link] = await liveLinks(c.accountId);
    const [other] = await t.db.insert(invoices).values({ ...(await t.db.select().from(invoices).where(eq(invoices.id, first.invoiceId)))[0], id: undefined, number: null }).returning();
    await expect(t.db.insert(invoiceCharges).values({ invoiceId: other.id, chargeLineId: link.chargeLineId })).rejects.toThrow();
  });

  it('a rejection (with its reason) frees the charges for a new request and tells the customer', async () => {
    const c = await customerWithCharges(standardUsage, 2);
    const first = await request(c);
    await expect(rejectInvoice(t.db, { invoiceId: first.invoiceId, actor: null, reason: '  ', now: NOW })).rejects.toMatchObject({ code: 'reason_required', field: 'reason' });
    await expect(rejectInvoice(t.db, { invoiceId: first.invoiceId, actor: null, reason: 'Wrong title', now: NOW })).resolves.toBeUndefined();
    await expect(rejectInvoice(t.db, { invoiceId: first.invoiceId, actor: null, reason: 'again', now: NOW })).rejects.toMatchObject({ code: 'not_requested' });
    await expect(issueInvoice(t.db, { invoiceId: first.invoiceId, actor: null, now: NOW, ...ISSUE })).rejects.toMatchObject({ code: 'not_requested' });
    expect(await liveLinks(c.accountId)).toHaveLength(0);
    const months = await invoiceableByMonth(t.db, c.accountId);
    expect(months.reduce((s, m) => s + m.gross, 0n)).toBe(first.document.total.gross);
    const second = await request(c);
    expect(second.document.total.gross).toBe(first.document.total.gross);
    const [notice] = await t.db.select().from(notices).where(and(eq(notices.accountId, c.accountId), eq(notices.kind, 'invoice_rejected')));
    expect(notice.params).toEqual({ amountFen: first.document.total.gross.toString(), reason: 'Wrong title' });
  });

  it('issuing freezes a numbered PDF: same bytes on every download, refused changes, only the owner downloads', async () => {
    const c = await customerWithCharges(standardUsage, 2);
    const requested = await request(c);
    const issuedAt = new Date('2027-01-15T03:00:00Z');
    const issued = await issueInvoice(t.db, { invoiceId: requested.invoiceId, actor: null, now: issuedAt, ...ISSUE });
    expect(issued).toEqual({ invoiceId: requested.invoiceId, number: 'INV-2027-000001', issuedAt });
    await expect(issueInvoice(t.db, { invoiceId: requested.invoiceId, actor: null, now: issuedAt, ...ISSUE })).rejects.toMatchObject({ code: 'not_requested', invoiceStatus: 'issued' });

    const first = await getInvoicePdf(t.db, { invoiceId: requested.invoiceId, accountId: c.accountId });
    const second = await getInvoicePdf(t.db, { invoiceId: requested.invoiceId, accountId: c.accountId });
    expect(first?.number).toBe('INV-2027-000001');
    expect(Buffer.from(second!.pdf).equals(Buffer.from(first!.pdf))).toBe(true);
    expect(await getInvoicePdf(t.db, { invoiceId: requested.invoiceId, accountId: 'someone-else' })).toBeNull();
    expect(await getInvoicePdf(t.db, { invoiceId: 'not-a-uuid', accountId: c.accountId })).toBeNull();

    const text = pdfText(first!.pdf);
    expect(text).toContain('INV-2027-000001');
    expect(text).toContain(requested.document.totalInCapitals);
    expect(text).toMatch(/6%/);
    expect(text).toMatch(/9%/);

    await expect(t.db.update(invoices).set({ grossFen: 1n }).where(eq(invoices.id, requested.invoiceId))).rejects.toThrow();
    await expect(t.db.update(invoices).set({ number: 'INV-2027-999999' }).where(eq(invoices.id, requested.invoiceId))).rejects.toThrow();
    await expect(t.db.update(invoices).set({ pdf: new Uint8Array([1, 2, 3]) }).where(eq(invoices.id, requested.invoiceId))).rejects.toThrow();
    await expect(t.db.update(invoices).set({ status: 'requested' }).where(eq(invoices.id, requested.invoiceId))).rejects.toThrow();
    await expect(t.db.delete(invoices).where(eq(invoices.id, requested.invoiceId))).rejects.toThrow();
    const third = await getInvoicePdf(t.db, { invoiceId: requested.invoiceId });
    expect(Buffer.from(third!.pdf).equals(Buffer.from(first!.pdf))).toBe(true);

    const [notice] = await t.db.select().from(notices).where(and(eq(notices.accountId, c.accountId), eq(notices.kind, 'invoice_issued')));
    expect(notice.params).toEqual({ number: 'INV-2027-000001', amountFen: requested.document.total.gross.toString() });
  });

  it('a credit note reverses an issued invoice with its own number and PDF, and frees the charges', async () => {
    const c = await customerWithCharges(standardUsage, 2);
    const requested = await request(c);
    const at = new Date('2028-02-01T03:00:00Z');
    await issueInvoice(t.db, { invoiceId: requested.invoiceId, actor: null, now: at, ...ISSUE });
    const originalPdf = (await getInvoicePdf(t.db, { invoiceId: requested.invoiceId }))!.pdf;

    const credit = await issueCreditNote(t.db, { invoiceId: requested.invoiceId, actor: null, now: new Date(at.getTime() + 60_000), ...ISSUE });
    expect(credit).toMatchObject({ number: 'INV-2028-000002' });
    await expect(issueCreditNote(t.db, { invoiceId: requested.invoiceId, actor: null, now: at, ...ISSUE })).rejects.toMatchObject({ code: 'not_issued', invoiceStatus: 'credited' });
    await expect(issueCreditNote(t.db, { invoiceId: credit.creditNoteId, actor: null, now: at, ...ISSUE })).rejects.toMatchObject({ code: 'not_issued' });

    const [original] = await t.db.select().from(invoices).where(eq(invoices.id, requested.invoiceId));
    const [note] = await t.db.select().from(invoices).where(eq(invoices.id, credit.creditNoteId));
    expect(original.status).toBe('credited');
    expect(original.number).toBe('INV-2028-000001');
    expect(Buffer.from(original.pdf!).equals(Buffer.from(originalPdf))).toBe(true);
    expect(note).toMatchObject({ type: 'credit_note', status: 'issued', reversesInvoiceId: original.id, grossFen: -original.grossFen, netFen: -original.netFen, taxFen: -original.taxFen });
    const text = pdfText(note.pdf!);
    expect(text).toContain('INV-2028-000002');
    expect(text).toContain('INV-2028-000001');
    expect(text).toContain('负');

    expect(await liveLinks(c.accountId)).toHaveLength(0);
    const again = await request(c);
    expect(again.document.total.gross).toBe(original.grossFen);
    const list = await listAccountInvoices(t.db, c.accountId);
    expect(list.map((i) => [i.type, i.status, i.relatedNumber])).toEqual(
      expect.arrayContaining([
        ['credit_note', 'issued', 'INV-2028-000001'],
        ['invoice', 'credited', 'INV-2028-000002'],
        ['invoice', 'requested', null],
      ]),
    );
  });

  it('50 concurrent issues (each invoice twice at once) give numbers 1…50 of the year: no gap, no repeat', async () => {
    const span = days(1);
    const requests: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      serial += 1;
      const accountId = `N${kind === 'postgres' ? 'P' : 'L'}${serial}`;
      await settleCharges(t.db, accountId, [{ day: span[0], service: 'compute', quantity: `${i + 1}` }]);
      const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: accountId }, now: NOW });
      const r = await requestInvoice(t.db, { accountId, actor: null, fromMonth: span[0].slice(0, 7), toMonth: span[0].slice(0, 7), titleId: title.id, kind: 'general', recipientEmails: [], now: NOW });
      requests.push(r.invoiceId);
    }
    const at = new Date('2030-06-01T03:00:00Z');
    const calls = [...requests, ...requests].map((invoiceId) => issueInvoice(t.db, { invoiceId, actor: null, now: at, ...ISSUE }));
    const results = await Promise.allSettled(calls);
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.number] : []));
    expect(numbers).toHaveLength(50);
    expect(results.every((r) => r.status === 'fulfilled' || (r.reason instanceof InvoiceError && r.reason.code === 'not_requested'))).toBe(true);
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `INV-2030-${String(i + 1).padStart(6, '0')}`));
    const rows = await t.db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(eq(invoices.numberYear, 2030));
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(requests));
  }, 120_000);

  it('a number taken in a transaction that fails is not used up', async () => {
    const at = new Date('2031-03-01T03:00:00Z');
    await expect(
      t.db.transaction(async (tx) => {
        expect((await takeInvoiceNumber(tx, at, TZ)).number).toBe('INV-2031-000001');
        throw new Error('rendering failed');
      }),
    ).rejects.toThrow('rendering failed');
    expect((await t.db.transaction((tx) => takeInvoiceNumber(tx, at, TZ))).number).toBe('INV-2031-000001');
    // The year is the billing time zone's: 2031-12-31 17:00 UTC is already 2032 in Shanghai.
    expect((await t.db.transaction((tx) => takeInvoiceNumber(tx, new Date('2031-12-31T17:00:00Z'), TZ))).number).toBe('INV-2032-000001');
  });

  it('property: an invoice of random usage and outage credits equals, per rate, the sum of its covered charges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 3 }),
            service: fc.constantFrom('compute' as const, 'storage' as const, 'traffic' as const),
            quantity: fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${String(b).padStart(3, '0')}`),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 3 }), service: fc.constantFrom('compute' as const, 'traffic' as const), minutes: fc.integer({ min: 1, max: 600 }) }), { maxLength: 3 }),
        async (usage, outages) => {
          serial += 1;
          const accountId = `PR${kind === 'postgres' ? 'P' : 'L'}${serial}`;
          const span = days(4);
          await settleCharges(
            t.db,
            accountId,
            usage.map((u) => ({ ...u, day: span[u.day] })),
            outages.map((o) => ({ ...o, day: span[o.day] })),
          );
          const sums = await chargeSums(accountId);
          const gross = [...sums.values()].reduce((s, x) => s + x.gross, 0n);
          const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: accountId }, now: NOW });
          const requesting = requestInvoice(t.db, { accountId, actor: null, fromMonth: span[0].slice(0, 7), toMonth: span[3].slice(0, 7), titleId: title.id, kind: 'general', recipientEmails: [], now: NOW });
          if (sums.size === 0) {
            await expect(requesting).rejects.toMatchObject({ code: 'nothing_to_invoice' });
            return;
          }
          if (gross <= 0n) {
            await expect(requesting).rejects.toMatchObject({ code: 'not_positive' });
            return;
          }
          const result = await requesting;
          expect(result.document.total.gross).toBe(gross);
          expect(result.document.total.gross).toBe(result.document.total.net + result.document.total.tax);
          expect(new Map(result.document.totalsByRate.map((r) => [r.taxRate, { net: r.net, tax: r.tax, gross: r.gross }]))).toEqual(sums);
          const [row] = await t.db.select().from(invoices).where(eq(invoices.id, result.invoiceId));
          expect(row.grossFen).toBe(gross);
        },
      ),
      { numRuns: kind === 'postgres' ? 12 : 8 },
    );
  }, 240_000);
});

