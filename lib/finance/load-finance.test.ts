import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { loadFinancePage, pendingAdjustmentView } from './load-finance';

const TZ = 'Asia/Shanghai';

describe('an adjustment waiting for approval, as the queue shows it', () => {
  it('has its amounts as exact yuan and its case number and time as text', () => {
    const requestedAt = new Date('2026-03-10T08:00:00Z');
    expect(
      pendingAdjustmentView({
        id: 'adj-1',
        caseId: 'case-1',
        caseNumber: 42n,
        accountId: 'A000000001',
        accountName: 'Alice',
        amountFen: 1_272n,
        disputedFen: 100_001n,
        reason: 'double charge',
        requestedByName: 'Sam',
        requestedAt,
      }),
    ).toEqual({
      id: 'adj-1',
      caseNumber: '42',
      accountId: 'A000000001',
      accountName: 'Alice',
      amount: '12.72',
      disputed: '1000.01',
      reason: 'double charge',
      requestedByName: 'Sam',
      requestedAt: '2026-03-10T08:00:00.000Z',
    });
  });
});

describe.each(testDatabaseKinds())('the finance page loader on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('links the ZIP to the whole filter and the accounting CSV to its dates only', async () => {
    const page = await loadFinancePage(t.db, { filter: { status: 'issued', from: '2026-03-01', to: null, timeZone: TZ } });
    expect([page.query, page.csvQuery]).toEqual(['status=issued&from=2026-03-01', 'from=2026-03-01']);
    expect([page.invoices, page.pdfs, page.adjustments, page.reversals]).toEqual([[], { files: 0, bytes: 0 }, [], []]);
    expect((await loadFinancePage(t.db, { filter: { status: 'all', timeZone: TZ } })).csvQuery).toBe('');
  });
});
