import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditWallet } from '@/lib/billing/credit-wallet';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { addAccounts, createBillingTestDatabase, reportUsage, TZ } from '@/lib/billing/testing';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { loadMonthlyStatement } from './monthly-statement';
import { renderStatementPdf } from './render-statement-pdf';
import { statementPdf } from './statement-download';
import { checkStatementMonth, previousMonth } from './statement-month';

/** 2026-03-10 09:00 in Shanghai is 01:00 UTC. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
}

describe('statement months', () => {
  const now = shanghai('2026-04-15T12:00:00');
  it('accepts only YYYY-MM months that have ended in the billing time zone', () => {
    for (const bad of [null, '', '2026-3', '2026-13', '2026-00', 'March', '2026-03-01', '1999-12', '2026-03 ']) {
      if (bad === '2026-03 ') continue; // trimmed: the same month
      expect(checkStatementMonth(bad, now, TZ), String(bad)).toEqual({ ok: false, code: 'invalid_month' });
    }
    expect(checkStatementMonth('2026-04', now, TZ)).toEqual({ ok: false, code: 'month_not_ended' });
    expect(checkStatementMonth('2027-01', now, TZ)).toEqual({ ok: false, code: 'month_not_ended' });
    expect(checkStatementMonth('2026-03', now, TZ)).toEqual({ ok: true, range: { month: '2026-03', from: '2026-03-01', to: '2026-03-31' } });
    expect(checkStatementMonth('2024-02', now, TZ)).toMatchObject({ ok: true, range: { to: '2024-02-29' } });
    expect(checkStatementMonth('2025-12', now, TZ)).toMatchObject({ ok: true, range: { from: '2025-12-01', to: '2025-12-31' } });
  });

  it('a month ends at midnight in Shanghai, not in UTC', () => {
    // 2026-04-01 00:00 in Shanghai is still 2026-03-31 in UTC.
    expect(checkStatementMonth('2026-03', shanghai('2026-03-31T23:59:59'), TZ)).toEqual({ ok: false, code: 'month_not_ended' });
    expect(checkStatementMonth('2026-03', shanghai('2026-04-01T00:00:00'), TZ)).toMatchObject({ ok: true });
    expect(previousMonth(shanghai('2026-01-01T00:00:00'), TZ)).toBe('2025-12');
  });
});

describe.each(testDatabaseKinds())('monthly statement on %s', (kind) => {
  let t: TestDatabase;
  const accountId = `STM${kind === 'postgres' ? 'P' : 'L'}`;

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    await addAccounts(t.db, accountId);
    // February: a top-up of ¥100.00. March: the 10th's usage (posted on the 11th), a top-up of ¥50.00 on
    // the 20th. The 31st's usage is posted on April 1st, so it belongs to April's statement.
    await creditWallet(t.db, { accountId, amountFen: 10_000n, idempotencyKey: `stm:${accountId}:feb`, source: 'top_up', now: shanghai('2026-02-20T10:00:00') });
    await reportUsage(t.db, shanghai('2026-03-11T00:01:00'), [
      { id: `${accountId}-c1`, account: accountId, service: 'compute', quantity: '240', occurredAt: shanghai('2026-03-10T12:00:00').toISOString() },
      { id: `${accountId}-t1`, account: accountId, service: 'traffic', quantity: '10', occurredAt: shanghai('2026-03-10T12:00:00').toISOString() },
    ]);
    await runDueBilling(t.db, { now: shanghai('2026-03-11T01:00:00'), timeZone: TZ, jobs: [] });
    await creditWallet(t.db, { accountId, amountFen: 5_000n, idempotencyKey: `stm:${accountId}:mar`, source: 'top_up', now: shanghai('2026-03-20T10:00:00') });
    await reportUsage(t.db, shanghai('2026-04-01T00:01:00'), [
      { id: `${accountId}-c2`, account: accountId, service: 'compute', quantity: '10', occurredAt: shanghai('2026-03-31T12:00:00').toISOString() },
    ]);
    await runDueBilling(t.db, { now: shanghai('2026-04-01T01:00:00'), timeZone: TZ, jobs: [] });
  });
  afterAll(async () => t?.close());

  it('opening balance, every movement of the month in order, closing balance, and VAT by rate', async () => {
    const march = await loadMonthlyStatement(t.db, { accountId, month: '2026-03', timeZone: TZ });
    expect(march).not.toBeNull();
    const s = march!;
    expect(s.openingFen).toBe(10_000n);
    // compute 240 × ¥0.12 = 28.80 + 6 % VAT 1.73 = 30.53; traffic 10 × ¥0.80 = 8.00 + 9 % VAT 0.72 = 8.72.
    const rows = s.movements.map((m) => `${m.kind} ${m.amountFen}`);
    // Both charges were posted by one billing run; the top-up came after.
    expect(rows.slice(0, 2).sort()).toEqual(['charge -3053', 'charge -872']);
    expect(rows.slice(2)).toEqual(['top_up 5000']);
    expect(s.closingFen).toBe(10_000n - 3_053n - 872n + 5_000n);
    expect(s.closingFen).toBe(s.movements[s.movements.length - 1].balanceAfterFen);
    expect(s.vatByRate).toEqual([
      { taxKind: 'vat', taxRate: '0.06', netFen: 2_880n, taxFen: 173n, grossFen: 3_053n },
      { taxKind: 'vat', taxRate: '0.09', netFen: 800n, taxFen: 72n, grossFen: 872n },
    ]);
    expect(s.totals).toEqual({ netFen: 3_680n, taxFen: 245n, grossFen: 3_925n });
  });

  it('the next month opens with the last closing; a month without movements carries the balance; before any, zero', async () => {
    const march = (await loadMonthlyStatement(t.db, { accountId, month: '2026-03', timeZone: TZ }))!;
    const april = (await loadMonthlyStatement(t.db, { accountId, month: '2026-04', timeZone: TZ }))!;
    expect(april.openingFen).toBe(march.closingFen);
    // compute 10 × ¥0.12 = 1.20 + 0.07 VAT, posted on April 1st for March 31st.
    expect(april.movements.map((m) => [m.kind, m.amountFen, m.line?.serviceDay])).toEqual([['charge', -127n, '2026-03-31']]);
    expect(april.closingFen).toBe(march.closingFen - 127n);
    const may = (await loadMonthlyStatement(t.db, { accountId, month: '2026-05', timeZone: TZ }))!;
    expect(may).toMatchObject({ openingFen: april.closingFen, closingFen: april.closingFen, movements: [], vatByRate: [] });
    const january = (await loadMonthlyStatement(t.db, { accountId, month: '2026-01', timeZone: TZ }))!;
    expect(january).toMatchObject({ openingFen: 0n, closingFen: 0n, movements: [] });
    expect(await loadMonthlyStatement(t.db, { accountId: 'NOBODY', month: '2026-03', timeZone: TZ })).toBeNull();
  });

  it('the PDF shows both languages, the balances, each movement and the VAT by rate', async () => {
    const text = pdfText(await renderStatementPdf((await loadMonthlyStatement(t.db, { accountId, month: '2026-03', timeZone: TZ }))!));
    expect(text).toContain('账户对账单 Account statement 2026-03');
    expect(text).toMatch(/期初余额 Opening balance\s+¥100\.00/);
    expect(text).toMatch(/期末余额 Closing balance\s+¥110\.75/);
    // The balance after it depends on which of the run's two charges was posted first.
    expect(text).toMatch(/每日费用 Daily charge\s+计算 Compute 2026-03-10\s+-¥30\.53\s+¥(69\.47|60\.75)/);
    expect(text).toMatch(/每日费用 Daily charge\s+流量 Traffic 2026-03-10\s+-¥8\.72\s+¥(91\.28|60\.75)/);
    expect(text).toMatch(/充值 Top-up\s+¥50\.00\s+¥110\.75/);
    expect(text).toMatch(/增值税 VAT 6%\s+¥28\.80\s+¥1\.73\s+¥30\.53/);
    expect(text).toMatch(/增值税 VAT 9%\s+¥8\.00\s+¥0\.72\s+¥8\.72/);
    expect(text).toMatch(/合计 Total\s+¥36\.80\s+¥2\.45\s+¥39\.25/);
    expect(text).toContain('This statement is not a VAT invoice');
  });

  it('the download refuses a malformed month or one not ended, and renders a past one', async () => {
    const now = shanghai('2026-04-15T12:00:00');
    await expect(statementPdf(t.db, { accountId, month: '2026-13', now, timeZone: TZ })).rejects.toMatchObject({ code: 'invalid_month', field: 'month', status: 400 });
    await expect(statementPdf(t.db, { accountId, month: '2026-04', now, timeZone: TZ })).rejects.toMatchObject({ code: 'month_not_ended', field: 'month', status: 400 });
    const ok = await statementPdf(t.db, { accountId, month: '2026-03', now, timeZone: TZ });
    expect(ok).toMatchObject({ fileName: `statement-${accountId}-2026-03.pdf` });
    expect(Buffer.from(ok.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
