import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { addDays } from '@/lib/billing/service-day';
import { addAccounts, reportUsage } from '@/lib/billing/testing';
import { loadDayDetail } from '@/lib/charges/day-detail';
import { historyCsvRecord } from '@/lib/charges/history-csv';
import { movementView } from '@/lib/charges/history-view';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { listWalletMovements } from '@/lib/charges/wallet-history';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { getInvoicePdf } from './invoice-queries';
import { invoiceableByMonth, invoiceableCharges, PENALTY_INVOICE_LABEL } from './invoiceable-charges';
import { issueInvoice } from './issue-invoice';
import { rejectInvoice } from './reject-invoice';
import { requestInvoice } from './request-invoice';
import { createInvoiceTestDatabase, ISSUE, TZ } from './testing';
import { createInvoiceTitle } from './titles';

function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
}

const at = (iso: string) => new Date(iso);

/*
 * One day's charges of exactly 150.00 on an empty wallet, at two rates:
 *   compute 786.1667 vCPU-hours × 0.12 = 94.340004 → net 94.34, VAT 6 % 5.6604 → 5.66, gross 100.00
 *   traffic 57.3375 GB × 0.80 = 45.87 → net 45.87, VAT 9 % 4.1283 → 4.13, gross 50.00
 * Settled 03-10 00:30 → balance −150.00, suspended; grace to 03-11 00:30; at 03-12 00:30 the penalty is
 * 0.3 % × 150.00 = 0.45, divided 30 / 15 (10000 : 5000), VAT 30 × 0.06 / 1.06 = 1.698 → 0.02 and
 * 15 × 0.09 / 1.09 = 1.238 → 0.01; nets 0.28 and 0.14.
 */
describe.each(testDatabaseKinds())('overdue penalty VAT through billing, history and invoices on %s', (kind) => {
  let t: TestDatabase;
  let serial = 0;
  beforeAll(async () => {
    t = await createInvoiceTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  /** Each test's charge is on its own day (settled days are shared): 03-09, 03-14, 03-19 …; the penalty falls due 3 days later. */
  async function overdueAccount(): Promise<{ accountId: string; penaltyDay: string }> {
    serial += 1;
    const accountId = `PEN${kind === 'postgres' ? 'P' : 'L'}${serial}`;
    const day = addDays('2026-03-09', (serial - 1) * 5);
    const local = (d: string, time: string) => at(`${d}T${time}+08:00`);
    await addAccounts(t.db, accountId);
    await reportUsage(t.db, local(day, '20:00:00'), [
      { id: `${accountId}-c`, account: accountId, service: 'compute', quantity: '786.1667', occurredAt: local(day, '12:00:00').toISOString() },
      { id: `${accountId}-t`, account: accountId, service: 'traffic', quantity: '57.3375', occurredAt: local(day, '12:00:00').toISOString() },
    ]);
    await runDueBilling(t.db, { now: local(addDays(day, 1), '00:30:00'), timeZone: TZ, jobs: [] });
    await runDueBilling(t.db, { now: local(addDays(day, 3), '00:30:00'), timeZone: TZ, jobs: [] });
    return { accountId, penaltyDay: addDays(day, 3) };
  }

  it('posts 0.45 as penalty income 0.42 net and VAT payable 0.03, recorded per rate', async () => {
    const { accountId, penaltyDay } = await overdueAccount();
    const legs = await queryRows<{ account: string; amount: string }>(
      t.db,
      sql`select p.ledger_account_id as account, p.amount_fen::text as amount from ledger_postings p
          join ledger_transfers x on x.id = p.transfer_id where x.kind = 'penalty' and x.customer_account_id = ${accountId} order by 1`,
    );
    expect(legs).toEqual([
      { account: 'operator:penalty_income', amount: '42' },
      { account: 'operator:vat_payable', amount: '3' },
      { account: `wallet:${accountId}`, amount: '-45' },
    ]);
    const parts = await queryRows<{ day: string; rate: string; arrears: string; gross: string; tax: string; net: string }>(
      t.db,
      sql`select service_day::text as day, tax_rate::text as rate, arrears_fen::text as arrears, gross_fen::text as gross, tax_fen::text as tax, net_fen::text as net
          from penalty_parts where account_id = ${accountId} order by tax_rate`,
    );
    expect(parts).toEqual([
      { day: penaltyDay, rate: '0.060000', arrears: '10000', gross: '30', tax: '2', net: '28' },
      { day: penaltyDay, rate: '0.090000', arrears: '5000', gross: '15', tax: '1', net: '14' },
    ]);
    expect((await verifyBooks(t.db)).ok).toBe(true);
  });

  it('shows net and VAT in the history (page and CSV) and in the day detail', async () => {
    const { accountId, penaltyDay } = await overdueAccount();
    const page = await listWalletMovements(t.db, { accountId, filter: { ...emptyHistoryFilter, type: 'penalty' }, after: null, limit: 10, timeZone: TZ });
    expect(page.movements).toHaveLength(1);
    const view = movementView(page.movements[0]);
    expect(view.penalty).toMatchObject({
      amount: '0.45',
      net: '0.42',
      tax: '0.03',
      day: penaltyDay,
      parts: [
        { taxKind: 'vat', taxRate: '0.06', net: '0.28', tax: '0.02', gross: '0.30' },
        { taxKind: 'vat', taxRate: '0.09', net: '0.14', tax: '0.01', gross: '0.15' },
      ],
    });
    const csv = historyCsvRecord(page.movements[0], TZ);
    expect(csv.slice(8, 13)).toEqual(['0.42', '0.06 0.09', '0.03', '0.45', '-0.45']);

    const day = await loadDayDetail(t.db, { accountId, day: penaltyDay, timeZone: TZ });
    expect(day?.services).toEqual([]);
    expect(day?.penalties).toMatchObject([
      {
        periodIndex: 1,
        amountFen: 45n,
        baseFen: 15_000n,
        netFen: 42n,
        taxFen: 3n,
        parts: [
          { taxRate: '0.06', arrearsFen: 10_000n, grossFen: 30n, exactTaxFen: '1.6981132', taxFen: 2n, netFen: 28n },
          { taxRate: '0.09', arrearsFen: 5_000n, grossFen: 15n, exactTaxFen: '1.23853211', taxFen: 1n, netFen: 14n },
        ],
      },
    ]);
  });

  it('invoices the penalty like charges: its own lines "逾期违约金 / Overdue penalty" at each rate; a rejection frees them again', async () => {
    const { accountId } = await overdueAccount();
    const invoiceable = await invoiceableCharges(t.db, accountId, { from: '2026-03-01', to: '2026-03-31' });
    expect(invoiceable.filter((c) => c.source === 'penalty').map((c) => [c.service, c.taxRate, c.net, c.tax, c.gross])).toEqual([
      [PENALTY_INVOICE_LABEL, '0.060000', 28n, 2n, 30n],
      [PENALTY_INVOICE_LABEL, '0.090000', 14n, 1n, 15n],
    ]);
    // 150.00 of charges + 0.45 of penalty
    expect(await invoiceableByMonth(t.db, accountId)).toEqual([{ month: '2026-03', chargeCount: 4, net: 14_021n + 42n, tax: 979n + 3n, gross: 15_045n }]);

    const title = await createInvoiceTitle(t.db, { accountId, title: { type: 'individual', name: `Customer ${accountId}` }, now: at('2026-04-02T00:00:00Z') });
    const request = () =>
      requestInvoice(t.db, { accountId, actor: null, fromMonth: '2026-03', toMonth: '2026-03', titleId: title.id, kind: 'general', recipientEmails: [], now: at('2026-04-02T00:00:00Z') });
    const first = await request();
    expect(first.document.lines.filter((l) => l.service === PENALTY_INVOICE_LABEL)).toEqual([
      { service: PENALTY_INVOICE_LABEL, taxRate: '0.06', chargeCount: 1, net: 28n, tax: 2n, gross: 30n },
      { service: PENALTY_INVOICE_LABEL, taxRate: '0.09', chargeCount: 1, net: 14n, tax: 1n, gross: 15n },
    ]);
    expect(first.document.total).toEqual({ net: 14_063n, tax: 982n, gross: 15_045n });
    expect(await invoiceableByMonth(t.db, accountId)).toEqual([]);

    await expect(rejectInvoice(t.db, { invoiceId: first.invoiceId, actor: null, reason: 'wrong title', now: at('2026-04-02T01:00:00Z') })).resolves.toBeUndefined();
    expect((await invoiceableByMonth(t.db, accountId))[0]?.gross).toBe(15_045n);

    const second = await request();
    await expect(issueInvoice(t.db, { invoiceId: second.invoiceId, actor: null, now: at('2026-04-03T00:00:00Z'), ...ISSUE })).resolves.toMatchObject({ invoiceId: second.invoiceId });
    const pdf = await getInvoicePdf(t.db, { invoiceId: second.invoiceId, accountId });
    if (!pdf) throw new Error('no pdf');
    const text = pdfText(pdf.pdf);
    expect(text).toContain('逾期违约金 / Overdue penalty');
    expect(text).toContain('150.45');
  });
});
