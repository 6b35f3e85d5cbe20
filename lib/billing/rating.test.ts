import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { jsonParam, queryRows } from '@/lib/db/sql-rows';
import { rateQuantity, sqlNetFen, sqlTaxFen } from './rating';

const decimal = (maxWhole: number, places: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 10 ** places - 1 }))
    .map(([whole, fraction]) => (places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(places, '0')}`));

describe('rating in TypeScript', () => {
  it('RULES §2: 12.5 units at ¥0.123456 and 6 % VAT: net 154 fen, tax 9 fen', () => {
    expect(rateQuantity('12.5', '0.123456', '0.06')).toMatchObject({ netFen: 154n, taxFen: 9n });
    expect(rateQuantity('12.5', '0.123456', '0.06').exactNet.toFixed()).toBe('1.5432');
  });

  it('rounds each of net and tax half up once (ties away from zero)', () => {
    // 0.5 fen net → 1 fen; 50 fen × 9 % = 4.5 → 5 fen.
    expect(rateQuantity('1', '0.005', '0')).toMatchObject({ netFen: 1n, taxFen: 0n });
    expect(rateQuantity('1', '0.5', '0.09')).toMatchObject({ netFen: 50n, taxFen: 5n });
  });
});

describe.each(testDatabaseKinds())('rating in SQL on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('agrees with the TypeScript form on any quantity, unit price (6 decimals) and rate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(decimal(100_000, 3), decimal(1_000, 6), decimal(0, 6)), { minLength: 1, maxLength: 50 }), async (cases) => {
        const rows = await queryRows<{ i: number; net: string; tax: string }>(
          t.db,
          sql`select x.i, n.net::text as net, ${sqlTaxFen(sql`n.net`, sql`x.rate`)}::text as tax
              from json_to_recordset(${jsonParam(cases.map(([quantity, price, rate], i) => ({ i, quantity, price, rate })))})
                as x(i int, quantity numeric, price numeric, rate numeric)
              cross join lateral (select ${sqlNetFen(sql`x.quantity`, sql`x.price`)} as net) n
              order by x.i`,
        );
        expect(rows.map((r) => ({ netFen: BigInt(r.net), taxFen: BigInt(r.tax) }))).toEqual(
          cases.map(([quantity, price, rate]) => {
            const rated = rateQuantity(quantity, price, rate);
            return { netFen: rated.netFen, taxFen: rated.taxFen };
          }),
        );
      }),
      { numRuns: 20 },
    );
  });
});
