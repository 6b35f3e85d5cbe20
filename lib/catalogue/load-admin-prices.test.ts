import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import { loadAdminPrices } from './load-admin-prices';
import { earliestEffectiveDate } from './price-schedule';
import { loadCatalogue } from './rates';

const cfg = { billingTimeZone: 'Asia/Shanghai', priceNoticeDays: 30 };
const now = new Date('2026-03-10T08:00:00Z');

describe.each(testDatabaseKinds())('the admin price page loader on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCatalogue(t.db);
  });
  afterAll(async () => t?.close());

  it('offers every service, every tax category in use once and sorted, and the first date the notice period allows', async () => {
    const catalogue = await loadCatalogue(t.db);
    const page = await loadAdminPrices(t.db, cfg, { now });
    expect(page.services.map((s) => s.id)).toEqual(catalogue.services.map((s) => s.id));
    const inUse = new Set([...catalogue.taxRules.map((r) => r.category), ...catalogue.prices.map((p) => p.taxCategory)]);
    expect(page.categories).toEqual([...inUse].sort());
    expect(new Set(page.categories).size).toBe(page.categories.length);
    expect(page.minDate).toBe(earliestEffectiveDate(now, cfg.billingTimeZone, cfg.priceNoticeDays));
    expect(page.changes).toEqual([]);
  });
});
