import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { queryRows } from '@/lib/db/sql-rows';
import { businessTaxStatement, hasBusinessTaxCharges } from './business-tax-statement';
import { invoiceableByMonth, invoiceableCharges } from './invoiceable-charges';
import { createInvoiceTestDatabase, settleCharges } from './testing';

/*
 * IT services were under business tax (5 %) until 2013-07-31 and under VAT (6 %) from 2013-08-01
 * (the demo catalogue's tax rules). A charge taxed under business tax is never a line of a VAT
 * invoice (DESIGN.md "Invoices": pre-VAT charges follow the tax system of their time).
 */
describe.each(testDatabaseKinds())('business-tax charges stay out of VAT invoices on %s', (kind) => {
  let t: TestDatabase;
  const accountId = `BT${kind === 'postgres' ? 'P' : 'L'}1`;
  beforeAll(async () => {
    t = await createInvoiceTestDatabase(kind);
    await settleCharges(t.db, accountId, [
      { day: '2013-07-31', service: 'compute', quantity: '100' },
      { day: '2013-08-01', service: 'compute', quantity: '100' },
    ]);
  });
  afterAll(async () => t?.close());

  it('settles the day before the switch under business tax and the switch day under VAT', async () => {
    const lines = await queryRows<{ service_day: string; tax_kind: string }>(
      t.db,
      sql`select to_char(service_day, 'YYYY-MM-DD') as service_day, tax_kind from charge_lines where account_id = ${accountId} order by service_day`,
    );
    expect(lines).toEqual([
      { service_day: '2013-07-31', tax_kind: 'business_tax' },
      { service_day: '2013-08-01', tax_kind: 'vat' },
    ]);
  });

  it('offers only the VAT-taxed charge for a VAT invoice, by month and by line', async () => {
    const months = await invoiceableByMonth(t.db, accountId);
    expect(months.map((m) => [m.month, m.chargeCount])).toEqual([['2013-08', 1]]);
    const charges = await invoiceableCharges(t.db, accountId, { from: '2013-07-01', to: '2013-08-31' });
    expect(charges.map((c) => [c.serviceDay, c.taxRate])).toEqual([['2013-08-01', '0.060000']]);
  });

  /*
   * 2013-07-31: compute 100 vCPU-hours × ¥0.12 = ¥12.00, business tax 5 % (the line's own figures,
   * read back from the charge line: the statement must add up exactly what was charged).
   */
  it('lists the business-tax charges on their own statement, by month, service and rate, and nothing under VAT', async () => {
    const [line] = await queryRows<{ net_fen: string; tax_fen: string; gross_fen: string }>(
      t.db,
      sql`select net_fen::text, tax_fen::text, gross_fen::text from charge_lines where account_id = ${accountId} and tax_kind = 'business_tax'`,
    );
    const statement = await businessTaxStatement(t.db, accountId);
    expect(statement.lines).toEqual([
      { month: '2013-07', service: '*信息技术服务*Compute', taxRate: '0.05', chargeCount: 1, net: BigInt(line.net_fen), tax: BigInt(line.tax_fen), gross: BigInt(line.gross_fen) },
    ]);
    expect(statement.total).toEqual({ net: BigInt(line.net_fen), tax: BigInt(line.tax_fen), gross: BigInt(line.gross_fen) });
    expect(await hasBusinessTaxCharges(t.db, accountId)).toBe(true);
    expect(await hasBusinessTaxCharges(t.db, 'NOSUCHACCOUNT')).toBe(false);
    expect(await businessTaxStatement(t.db, 'NOSUCHACCOUNT')).toEqual({ lines: [], total: { net: 0n, tax: 0n, gross: 0n } });
  });
});
