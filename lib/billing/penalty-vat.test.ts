import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaxKind } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { jsonParam } from '@/lib/db/sql-rows';
import { MoneyDecimal } from '@/lib/money';
import { arrearsByRateSql, attributeArrears, splitPenalty, vatIncluded, type ArrearsAtRate, type ArrearsLine } from './penalty-vat';
import { penaltyFor } from './penalty-periods';
import { createBillingTestDatabase } from './testing';

const vat = (taxRate: string, arrearsFen: bigint): ArrearsAtRate => ({ taxKind: 'vat', taxRate, arrearsFen });

describe('an overdue penalty divided among the tax rates of its arrears (DESIGN "Suspension and overdue penalty")', () => {
  it('arrears 100.00 at 6 % and 50.00 at 9 %: penalty 0.45 → parts 0.30 / 0.15 → VAT 0.02 / 0.01', () => {
    // penalty = 0.3 % × 150.00 = 0.45 → 45 fen
    // 6 %: 45 × 10000 / 15000 = 30 exactly; VAT 30 × 0.06 / 1.06 = 1.698… → 2; net 28
    // 9 %: 45 ×  5000 / 15000 = 15 exactly; VAT 15 × 0.09 / 1.09 = 1.238… → 1; net 14
    expect(penaltyFor(15_000n)).toBe(45n);
    expect(splitPenalty(45n, [vat('0.06', 10_000n), vat('0.09', 5_000n)])).toEqual([
      { taxKind: 'vat', taxRate: '0.06', arrearsFen: 10_000n, grossFen: 30n, taxFen: 2n, netFen: 28n },
      { taxKind: 'vat', taxRate: '0.09', arrearsFen: 5_000n, grossFen: 15n, taxFen: 1n, netFen: 14n },
    ]);
  });

  it('the fen left over by the floors goes to the largest remainder', () => {
    // arrears 33.33 at 6 % and 66.67 at 9 %: penalty 0.3 % × 100.00 = 30 fen
    // 6 %: 30 × 3333 / 10000 = 9.999 → floor 9, remainder 0.999
    // 9 %: 30 × 6667 / 10000 = 20.001 → floor 20, remainder 0.001
    // 29 handed out, 1 fen left → the 6 % part (larger remainder): 10 / 20
    // VAT: 10 × 0.06 / 1.06 = 0.566… → 1, net 9; 20 × 0.09 / 1.09 = 1.651… → 2, net 18
    expect(penaltyFor(10_000n)).toBe(30n);
    expect(splitPenalty(30n, [vat('0.06', 3_333n), vat('0.09', 6_667n)])).toEqual([
      { taxKind: 'vat', taxRate: '0.06', arrearsFen: 3_333n, grossFen: 10n, taxFen: 1n, netFen: 9n },
      { taxKind: 'vat', taxRate: '0.09', arrearsFen: 6_667n, grossFen: 20n, taxFen: 2n, netFen: 18n },
    ]);
  });

  it('a tie on the remainder (and on the arrears) goes to the higher rate', () => {
    // arrears 51.67 at 6 % and 51.67 at 9 %: penalty 0.3 % × 103.34 = 0.31002 → 31 fen
    // each: 31 × 5167 / 10334 = 15.5 → floor 15, equal remainders, equal arrears → the 9 % part gets the fen
    // VAT: 15 × 0.06 / 1.06 = 0.849… → 1, net 14; 16 × 0.09 / 1.09 = 1.321… → 1, net 15
    expect(penaltyFor(10_334n)).toBe(31n);
    expect(splitPenalty(31n, [vat('0.06', 5_167n), vat('0.09', 5_167n)])).toEqual([
      { taxKind: 'vat', taxRate: '0.06', arrearsFen: 5_167n, grossFen: 15n, taxFen: 1n, netFen: 14n },
      { taxKind: 'vat', taxRate: '0.09', arrearsFen: 5_167n, grossFen: 16n, taxFen: 1n, netFen: 15n },
    ]);
  });

  it('a tie on the remainder goes first to the larger arrears, before the higher rate', () => {
    // arrears 0.01 at 9 % and 0.03 at 6 % (total 4), penalty 2 fen:
    // 9 %: 2 × 1 / 4 = 0.5 → floor 0, remainder 2/4; 6 %: 2 × 3 / 4 = 1.5 → floor 1, remainder 2/4
    // one fen left, equal remainders → the larger arrears (6 %) gets it: 6 % → 2 fen, 9 % → 0 (no part)
    expect(splitPenalty(2n, [vat('0.09', 1n), vat('0.06', 3n)]).map((p) => [p.taxRate, p.grossFen])).toEqual([['0.06', 2n]]);
  });

  it('business tax arrears get their own part, taxed the same way', () => {
    // arrears 10.00 business tax 5 %, 20.00 VAT 6 %, 30.00 VAT 9 %: penalty 0.3 % × 60.00 = 18 fen → 3 / 6 / 9 exactly
    // tax: 3 × 0.05 / 1.05 = 0.142… → 0; 6 × 0.06 / 1.06 = 0.339… → 0; 9 × 0.09 / 1.09 = 0.743… → 1
    expect(penaltyFor(6_000n)).toBe(18n);
    expect(splitPenalty(18n, [{ taxKind: 'business_tax', taxRate: '0.05', arrearsFen: 1_000n }, vat('0.06', 2_000n), vat('0.09', 3_000n)])).toEqual([
      { taxKind: 'business_tax', taxRate: '0.05', arrearsFen: 1_000n, grossFen: 3n, taxFen: 0n, netFen: 3n },
      { taxKind: 'vat', taxRate: '0.06', arrearsFen: 2_000n, grossFen: 6n, taxFen: 0n, netFen: 6n },
      { taxKind: 'vat', taxRate: '0.09', arrearsFen: 3_000n, grossFen: 9n, taxFen: 1n, netFen: 8n },
    ]);
  });

  it('arrears no charge explains: one part without tax', () => {
    expect(splitPenalty(30n, [])).toEqual([{ taxKind: 'vat', taxRate: '0', arrearsFen: 0n, grossFen: 30n, taxFen: 0n, netFen: 30n }]);
    expect(splitPenalty(0n, [vat('0.06', 100n)])).toEqual([]);
  });

  it('VAT contained in an amount: 106 fen at 6 % holds exactly 6; 0.5 fen rounds up', () => {
    expect(vatIncluded(106n, '0.06')).toBe(6n); // 106 × 0.06 / 1.06 = 6
    expect(vatIncluded(53n, '0.06')).toBe(3n); // 53 × 0.06 / 1.06 = 3
    expect(vatIncluded(109n, '0.09')).toBe(9n); // 109 × 0.09 / 1.09 = 9
    expect(vatIncluded(1n, '0.06')).toBe(0n); // 0.0566…
  });
});

describe('which tax rates the service arrears are at (newest unpaid charges first)', () => {
  it('takes the newest lines until the arrears are covered; the last one only in part', () => {
    // newest first: 30.00 at 9 %, 50.00 at 6 %, 40.00 at 6 %; arrears 100.00 → 30.00 at 9 %, 50.00 + 20.00 at 6 %
    const lines: ArrearsLine[] = [
      { taxKind: 'vat', taxRate: '0.09', grossFen: 3_000n },
      { taxKind: 'vat', taxRate: '0.060000', grossFen: 5_000n },
      { taxKind: 'vat', taxRate: '0.06', grossFen: 4_000n },
    ];
    expect(attributeArrears(lines, 10_000n)).toEqual([vat('0.06', 7_000n), vat('0.09', 3_000n)]);
  });

  it('skips credits and stops at what the lines explain', () => {
    const lines: ArrearsLine[] = [
      { taxKind: 'vat', taxRate: '0.06', grossFen: -500n },
      { taxKind: 'vat', taxRate: '0.09', grossFen: 1_000n },
    ];
    expect(attributeArrears(lines, 5_000n)).toEqual([vat('0.09', 1_000n)]);
    expect(attributeArrears(lines, 0n)).toEqual([]);
  });
});

const arrearsArb = fc
  .uniqueArray(
    fc.record({
      taxKind: fc.constantFrom<TaxKind>('vat', 'business_tax'),
      taxRate: fc.constantFrom('0', '0.03', '0.05', '0.06', '0.09', '0.13'),
      arrearsFen: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
    }),
    { minLength: 1, maxLength: 5, selector: (a) => `${a.taxKind}:${a.taxRate}` },
  )
  .map((rows) => rows.map((r) => ({ ...r })));

describe('penalty parts: properties', () => {
  it('the parts add up to the penalty, each within a fen of its exact share, each part’s VAT = part × rate / (1 + rate) half up', () => {
    fc.assert(
      fc.property(arrearsArb, fc.bigInt({ min: 1n, max: 100_000_000n }), (arrears, penalty) => {
        const parts = splitPenalty(penalty, arrears);
        expect(parts.reduce((sum, p) => sum + p.grossFen, 0n)).toBe(penalty);
        const total = arrears.reduce((sum, a) => sum + a.arrearsFen, 0n);
        for (const part of parts) {
          const exactShare = new MoneyDecimal(penalty.toString()).times(part.arrearsFen.toString()).dividedBy(total.toString());
          expect(new MoneyDecimal(part.grossFen.toString()).minus(exactShare).abs().lessThan(1)).toBe(true);
          const rate = new MoneyDecimal(part.taxRate);
          const exactTax = new MoneyDecimal(part.grossFen.toString()).times(rate).dividedBy(rate.plus(1));
          expect(part.taxFen.toString()).toBe(exactTax.toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP).toFixed(0));
          expect(part.netFen + part.taxFen).toBe(part.grossFen);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the split does not depend on the order the rates are listed in', () => {
    fc.assert(
      fc.property(arrearsArb, fc.bigInt({ min: 1n, max: 100_000_000n }), (arrears, penalty) => {
        expect(splitPenalty(penalty, [...arrears].reverse())).toEqual(splitPenalty(penalty, arrears));
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(testDatabaseKinds())('the set-based attribution agrees with the rule on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  let serial = 0;
  const lineArb = fc.record({
    kind: fc.constantFrom('usage', 'late_usage', 'sla_credit'),
    taxKind: fc.constantFrom<TaxKind>('vat', 'business_tax'),
    taxRate: fc.constantFrom('0.06', '0.09', '0.05'),
    grossFen: fc.bigInt({ min: -2_000n, max: 50_000n }),
  });

  it('arrearsByRateSql equals attributeArrears over the same lines, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 0, maxLength: 12 }), fc.bigInt({ min: 0n, max: 300_000n }), async (lines, arrears) => {
        serial += 1;
        const accountId = `PV${serial}`;
        const rows = lines.map((l, i) => {
          const gross = l.kind === 'sla_credit' ? -((l.grossFen < 0n ? -l.grossFen : l.grossFen) + 1n) : l.grossFen;
          return {
            account_id: accountId,
            kind: l.kind,
            seq: i,
            tax_kind: l.taxKind,
            tax_rate: l.taxRate,
            gross_fen: gross.toString(),
            transfer_id: String(9_000_000_000 + serial * 100 + i),
            idempotency_key: `pv:${accountId}:${i}`,
          };
        });
        if (rows.length > 0) {
          await t.db.execute(sql`
            insert into charge_lines (account_id, service_id, service_day, kind, seq, quantity, unit, net_fen, tax_kind, tax_category, tax_rate, tax_fen, gross_fen, transfer_id, idempotency_key, posted_at)
            select account_id, 'compute', '2026-03-01', kind, seq, 1, 'unit', gross_fen, tax_kind, 'test', tax_rate, 0, gross_fen, transfer_id, idempotency_key, now()
            from json_to_recordset(${jsonParam(rows)}) as x(account_id text, kind text, seq int, tax_kind text, tax_rate numeric, gross_fen bigint, transfer_id bigint, idempotency_key text)
            order by seq`);
        }
        // Inserted in seq order, so ids grow with seq: newest first is the reverse, and only usage counts.
        const newestFirst = rows
          .filter((r) => r.kind !== 'sla_credit')
          .reverse()
          .map((r) => ({ taxKind: r.tax_kind, taxRate: r.tax_rate, grossFen: BigInt(r.gross_fen) }));
        expect(await arrearsByRateSql(t.db, accountId, arrears)).toEqual(attributeArrears(newestFirst, arrears));
      }),
      { numRuns: 25 },
    );
  });
});
