import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingTestDatabase } from '@/lib/billing/testing';
import { notices, prices, taxRules } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { insertCustomer } from '@/lib/notices/testing';
import { renderNotice } from '@/lib/notices/render-notice';
import { readPriceList } from './price-list';
import { listPriceChanges, PriceScheduleError, schedulePriceChange, scheduleTaxRuleChange, withdrawPriceChange } from './price-schedule';
import { loadCatalogue, resolveDayRate } from './rates';

const TZ = 'Asia/Shanghai';
// 2026-03-10 10:00 in Shanghai: "today" is 2026-03-10, so with 30 days' notice the earliest date is 2026-04-09.
const NOW = new Date('2026-03-10T02:00:00Z');
const ctx = (extra: Partial<{ now: Date }> = {}) => ({ actor: null, now: NOW, timeZone: TZ, noticeDays: 30, ...extra });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PriceScheduleError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDatabaseKinds())('price schedule on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    await insertCustomer(t.db, { id: 'P1', locale: 'zh-CN' });
    await insertCustomer(t.db, { id: 'P2' });
  });
  afterAll(async () => t?.close());

  it('the price list is the catalogue billing uses: unit price, tax rule and the VAT-inclusive price (demo list)', async () => {
    const list = await readPriceList(t.db, '2026-03-10');
    expect(list.entries.map((e) => [e.serviceId, e.current?.unitPrice, e.current?.unit, e.current?.taxKind, e.current?.taxRate, e.current?.grossUnitPrice])).toEqual([
      ['compute', '0.12', 'vCPU-hour', 'vat', '0.06', '0.1272'],
      ['storage', '0.004', 'GB-day', 'vat', '0.06', '0.00424'],
      ['traffic', '0.8', 'GB', 'vat', '0.09', '0.872'],
    ]);
    expect(list.entries.every((e) => e.upcoming.length === 0)).toBe(true);
  });

  it('a change less than PRICE_NOTICE_DAYS ahead is refused and nothing is written', async () => {
    expect(await refusal(schedulePriceChange(t.db, { serviceId: 'compute', unitPrice: '0.15', effectiveFrom: '2026-04-08' }, ctx()))).toEqual({
      code: 'too_soon',
      field: 'effectiveFrom',
    });
    expect(await refusal(schedulePriceChange(t.db, { serviceId: 'gpu', unitPrice: '0.15', effectiveFrom: '2026-04-09' }, ctx()))).toMatchObject({ code: 'unknown_service' });
    expect(await refusal(schedulePriceChange(t.db, { serviceId: 'compute', unitPrice: '0.1234567', effectiveFrom: '2026-04-09' }, ctx()))).toMatchObject({ code: 'invalid_price' });
    expect(await t.db.select().from(prices).where(eq(prices.serviceId, 'compute'))).toHaveLength(1);
    expect(await listPriceChanges(t.db, { now: NOW, timeZone: TZ })).toEqual([]);
  });

  it('a scheduled price change is in the catalogue from its date, on the price list as upcoming, and every customer is told once', async () => {
    const { id, noticesCreated } = await schedulePriceChange(t.db, { serviceId: 'compute', unitPrice: '0.15', effectiveFrom: '2026-04-09' }, ctx());
    expect(noticesCreated).toBe(2);
    const catalogue = await loadCatalogue(t.db);
    expect(resolveDayRate(catalogue, 'compute', '2026-04-08')?.unitPrice).toBe('0.120000');
    expect(resolveDayRate(catalogue, 'compute', '2026-04-09')?.unitPrice).toBe('0.150000');
    const list = await readPriceList(t.db, '2026-03-10');
    expect(list.entries.find((e) => e.serviceId === 'compute')?.upcoming).toEqual([
      { effectiveFrom: '2026-04-09', rate: expect.objectContaining({ unitPrice: '0.15', grossUnitPrice: '0.159' }) },
    ]);
    const [notice] = await t.db.select().from(notices).where(and(eq(notices.accountId, 'P1'), eq(notices.kind, 'price_change')));
    expect(renderNotice(notice.kind, notice.params, 'zh-CN').body).toContain('计算：每 vCPU-hour ¥0.12 → ¥0.15（不含增值税），自 2026-04-09 起生效');
    expect(renderNotice(notice.kind, notice.params, 'en').body).toContain('Compute: ¥0.12 → ¥0.15 per vCPU-hour (excluding VAT), from 2026-04-09');
    expect((await listPriceChanges(t.db, { now: NOW, timeZone: TZ })).map((c) => [c.id, c.state])).toEqual([[id, 'pending']]);
    // A second change on the same date for the same service is refused.
    expect(await refusal(schedulePriceChange(t.db, { serviceId: 'compute', unitPrice: '0.16', effectiveFrom: '2026-04-09' }, ctx()))).toMatchObject({ code: 'same_day' });
  });

  it('a change withdrawn before its date leaves the catalogue and the price list; it cannot be withdrawn twice', async () => {
    const { id } = await schedulePriceChange(t.db, { serviceId: 'storage', unitPrice: '0.005', effectiveFrom: '2026-05-01' }, ctx());
    await withdrawPriceChange(t.db, { changeId: id, actor: null, now: new Date('2026-04-30T15:59:00Z'), timeZone: TZ }); // 04-30 23:59 in Shanghai
    expect(resolveDayRate(await loadCatalogue(t.db), 'storage', '2026-05-01')?.unitPrice).toBe('0.004000');
    expect((await readPriceList(t.db, '2026-03-10')).entries.find((e) => e.serviceId === 'storage')?.upcoming).toEqual([]);
    expect((await listPriceChanges(t.db, { now: NOW, timeZone: TZ })).find((c) => c.id === id)?.state).toBe('withdrawn');
    expect(await refusal(withdrawPriceChange(t.db, { changeId: id, actor: null, now: NOW, timeZone: TZ }))).toMatchObject({ code: 'already_withdrawn' });
  });

  it('from its effective day on, a change can no longer be withdrawn and stays in the catalogue', async () => {
    const { id } = await schedulePriceChange(t.db, { serviceId: 'traffic', unitPrice: '0.75', effectiveFrom: '2026-05-02' }, ctx());
    const onTheDay = new Date('2026-05-01T16:00:00Z'); // 05-02 00:00 in Shanghai
    expect(await refusal(withdrawPriceChange(t.db, { changeId: id, actor: null, now: onTheDay, timeZone: TZ }))).toMatchObject({ code: 'in_effect' });
    expect(resolveDayRate(await loadCatalogue(t.db), 'traffic', '2026-05-02')?.unitPrice).toBe('0.750000');
    expect((await listPriceChanges(t.db, { now: onTheDay, timeZone: TZ })).find((c) => c.id === id)?.state).toBe('in_effect');
  });

  it('a tax-rule change applies to every service of the category from its date and can be withdrawn before it', async () => {
    const { id } = await scheduleTaxRuleChange(t.db, { category: 'basic_telecom', kind: 'vat', rate: '0.1', effectiveFrom: '2026-06-01' }, ctx());
    const list = await readPriceList(t.db, '2026-03-10');
    expect(list.entries.find((e) => e.serviceId === 'traffic')?.upcoming.map((u) => [u.effectiveFrom, u.rate?.taxRate])).toEqual([
      ['2026-05-02', '0.09'],
      ['2026-06-01', '0.1'],
    ]);
    expect(await refusal(scheduleTaxRuleChange(t.db, { category: 'telepathy', kind: 'vat', rate: '0.1', effectiveFrom: '2026-06-01' }, ctx()))).toMatchObject({ code: 'unknown_category' });
    await withdrawPriceChange(t.db, { changeId: id, actor: null, now: NOW, timeZone: TZ });
    expect(await t.db.select().from(taxRules).where(and(eq(taxRules.category, 'basic_telecom'), eq(taxRules.effectiveFrom, '2026-06-01')))).toEqual([]);
  });
});
