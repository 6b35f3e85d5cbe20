import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildInvoiceDocument,
  creditNoteDocument,
  normalizeTaxRate,
  taxRatePercent,
  type CoveredChargeLine,
} from './invoice-document';

/** A charge line as settlement makes it: tax = round_half_up(net × rate), gross = net + tax. */
function charge(service: string, taxRate: string, net: bigint): CoveredChargeLine {
  const tax = BigInt(new Decimal(net.toString()).times(taxRate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed());
  return { service, taxRate, net, tax, gross: net + tax };
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

describe('buildInvoiceDocument', () => {
  it('prints the DESIGN.md example: net 100.00 at 6 % is 106.00, 壹佰零陆元整', () => {
    const doc = buildInvoiceDocument([charge('cloud-server', '0.06', 10_000n)]);
    expect(doc.lines).toEqual([
      { service: 'cloud-server', taxRate: '0.06', chargeCount: 1, net: 10_000n, tax: 600n, gross: 10_600n },
    ]);
    expect(doc.total).toEqual({ net: 10_000n, tax: 600n, gross: 10_600n });
    expect(doc.totalInCapitals).toBe('壹佰零陆元整');
  });

  it('groups lines per service and rate and totals per rate (6 % and 9 % on one invoice)', () => {
    const doc = buildInvoiceDocument([
      charge('cloud-server', '0.06', 1_234n), // tax 74.04 → 74
      charge('bandwidth', '0.09', 5_000n), // tax 450
      charge('cloud-server', '0.06', 1_234n),
      charge('object-storage', '0.060', 999n), // tax 59.94 → 60
      charge('bandwidth', '0.09', 1n), // tax 0.09 → 0
    ]);
    expect(doc.lines).toEqual([
      { service: 'bandwidth', taxRate: '0.09', chargeCount: 2, net: 5_001n, tax: 450n, gross: 5_451n },
      { service: 'cloud-server', taxRate: '0.06', chargeCount: 2, net: 2_468n, tax: 148n, gross: 2_616n },
      { service: 'object-storage', taxRate: '0.06', chargeCount: 1, net: 999n, tax: 60n, gross: 1_059n },
    ]);
    expect(doc.totalsByRate).toEqual([
      { taxRate: '0.06', net: 3_467n, tax: 208n, gross: 3_675n },
      { taxRate: '0.09', net: 5_001n, tax: 450n, gross: 5_451n },
    ]);
    expect(doc.total).toEqual({ net: 8_468n, tax: 658n, gross: 9_126n });
    expect(doc.totalInCapitals).toBe('玖拾壹元贰角陆分');
  });

  it('sums the charges’ own tax instead of recomputing it from the line net (never differs from what was paid)', () => {
    // Three charges of 0.10 at 6 %: each tax rounds to 0.01 → 0.03, while 0.30 × 6 % would round to 0.02.
    const doc = buildInvoiceDocument([1, 2, 3].map(() => charge('cloud-server', '0.06', 10n)));
    expect(doc.lines[0]).toMatchObject({ net: 30n, tax: 3n, gross: 33n });
  });

  it('refuses a charge line whose gross is not net + tax, and an empty invoice', () => {
    expect(() =>
      buildInvoiceDocument([{ service: 's', taxRate: '0.06', net: 100n, tax: 6n, gross: 107n }]),
    ).toThrow(/gross/);
    expect(() => buildInvoiceDocument([])).toThrow(/at least one/);
  });

  it('refuses a rate that is not a plain decimal below 1', () => {
    for (const rate of ['6%', '0x1', '1', '-0.06', 'Infinity', '']) {
      expect(() => normalizeTaxRate(rate)).toThrow(RangeError);
    }
    expect(normalizeTaxRate('0.0600')).toBe('0.06');
    expect(taxRatePercent('0.06')).toBe('6%');
    expect(taxRatePercent('0.090')).toBe('9%');
    expect(taxRatePercent('0.055')).toBe('5.5%');
    expect(taxRatePercent('0')).toBe('0%');
  });

  it('makes the credit note of an invoice with every amount negated and 负 capitals', () => {
    const credit = creditNoteDocument(buildInvoiceDocument([charge('cloud-server', '0.06', 10_000n)]));
    expect(credit.lines[0]).toMatchObject({ net: -10_000n, tax: -600n, gross: -10_600n });
    expect(credit.totalsByRate[0]).toMatchObject({ taxRate: '0.06', gross: -10_600n });
    expect(credit.total).toEqual({ net: -10_000n, tax: -600n, gross: -10_600n });
    expect(credit.totalInCapitals).toBe('负壹佰零陆元整');
  });

  const charges = fc.array(
    fc.record({
      service: fc.constantFrom('cloud-server', 'bandwidth', 'object-storage', '云主机'),
      taxRate: fc.constantFrom('0.06', '0.060', '0.09', '0.13', '0.05', '0'),
      // Negative lines stand for outage credits against charges.
      net: fc.bigInt({ min: -1_000_000n, max: 100_000_000n }),
    }),
    { minLength: 1, maxLength: 40 },
  );

  it('totals equal the sum of the covered charges, overall and per rate, and every line has gross = net + tax', () => {
    fc.assert(
      fc.property(charges, (specs) => {
        const covered = specs.map((s) => charge(s.service, s.taxRate, s.net));
        const doc = buildInvoiceDocument(covered);

        expect(doc.total).toEqual({
          net: sum(covered.map((c) => c.net)),
          tax: sum(covered.map((c) => c.tax)),
          gross: sum(covered.map((c) => c.gross)),
        });
        for (const rateTotal of doc.totalsByRate) {
          const atRate = covered.filter((c) => new Decimal(c.taxRate).equals(rateTotal.taxRate));
          expect(rateTotal.net).toBe(sum(atRate.map((c) => c.net)));
          expect(rateTotal.tax).toBe(sum(atRate.map((c) => c.tax)));
          expect(rateTotal.gross).toBe(sum(atRate.map((c) => c.gross)));
          const lines = doc.lines.filter((l) => l.taxRate === rateTotal.taxRate);
          expect(sum(lines.map((l) => l.gross))).toBe(rateTotal.gross);
        }
        expect(new Set(doc.totalsByRate.map((r) => r.taxRate)).size).toBe(doc.totalsByRate.length);
        for (const line of doc.lines) expect(line.gross).toBe(line.net + line.tax);
        expect(sum(doc.lines.map((l) => l.gross))).toBe(doc.total.gross);
        expect(doc.lines.reduce((n, l) => n + l.chargeCount, 0)).toBe(covered.length);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the charges', () => {
    fc.assert(
      fc.property(
        charges.chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length }))),
        ([specs, shuffled]) => {
          const build = (list: typeof specs) =>
            buildInvoiceDocument(list.map((s) => charge(s.service, s.taxRate, s.net)));
          expect(build(shuffled)).toEqual(build(specs));
        },
      ),
      { numRuns: 200 },
    );
  });
});
