import Decimal from 'decimal.js';
import { amountInChineseCapitals } from './chinese-capitals';

/**
 * The content of an invoice (DESIGN.md "Invoices"): per service and tax rate the net, rate, tax
 * and gross, totals per rate, grand totals and the grand gross in Chinese capitals.
 *
 * Every amount is a plain sum of the charge lines the invoice covers. Nothing is recomputed
 * from a total (no tax = total net × rate), so the invoice always equals what the balance paid,
 * whatever rounding the individual charges went through.
 */

/** One settled charge line (or credit against it) that the invoice covers; amounts in fen. */
export interface CoveredChargeLine {
  service: string;
  /** Decimal string, e.g. "0.06". */
  taxRate: string;
  net: bigint;
  tax: bigint;
  gross: bigint;
}

export interface InvoiceAmounts {
  net: bigint;
  tax: bigint;
  gross: bigint;
}

export interface InvoiceLine extends InvoiceAmounts {
  service: string;
  /** Normalized decimal string ("0.060" → "0.06"). */
  taxRate: string;
  /** How many covered charge lines were summed into this line. */
  chargeCount: number;
}

export interface InvoiceRateTotal extends InvoiceAmounts {
  taxRate: string;
}

export interface InvoiceDocument {
  /** Sorted by service, then by rate. */
  lines: InvoiceLine[];
  /** Sorted by rate. */
  totalsByRate: InvoiceRateTotal[];
  total: InvoiceAmounts;
  /** The grand gross (价税合计) in Chinese capitals, e.g. 壹佰零陆元整. */
  totalInCapitals: string;
}

const RATE_PATTERN = /^\d+(\.\d+)?$/;

/** "0.060" → "0.06"; refuses anything that is not a plain decimal in [0, 1). */
export function normalizeTaxRate(rate: string): string {
  if (!RATE_PATTERN.test(rate)) throw new RangeError(`tax rate is not a decimal: ${JSON.stringify(rate)}`);
  const value = new Decimal(rate);
  if (value.greaterThanOrEqualTo(1)) throw new RangeError(`tax rate is not below 1: ${rate}`);
  return value.toFixed();
}

/** "0.06" → "6%", "0.055" → "5.5%". */
export function taxRatePercent(rate: string): string {
  return new Decimal(normalizeTaxRate(rate)).times(100).toFixed() + '%';
}

function compareRates(a: string, b: string): number {
  return new Decimal(a).comparedTo(new Decimal(b));
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function addTo(sum: InvoiceAmounts, amounts: InvoiceAmounts): void {
  sum.net += amounts.net;
  sum.tax += amounts.tax;
  sum.gross += amounts.gross;
}

export function buildInvoiceDocument(charges: Iterable<CoveredChargeLine>): InvoiceDocument {
  const lines = new Map<string, InvoiceLine>();
  const rates = new Map<string, InvoiceRateTotal>();
  const total: InvoiceAmounts = { net: 0n, tax: 0n, gross: 0n };

  for (const charge of charges) {
    if (charge.gross !== charge.net + charge.tax) {
      throw new RangeError(
        `charge line for ${charge.service} has gross ${charge.gross} ≠ net ${charge.net} + tax ${charge.tax}`,
      );
    }
    const taxRate = normalizeTaxRate(charge.taxRate);
    const lineKey = JSON.stringify([charge.service, taxRate]);
    let line = lines.get(lineKey);
    if (!line) {
      line = { service: charge.service, taxRate, chargeCount: 0, net: 0n, tax: 0n, gross: 0n };
      lines.set(lineKey, line);
    }
    line.chargeCount += 1;
    addTo(line, charge);

    let rateTotal = rates.get(taxRate);
    if (!rateTotal) {
      rateTotal = { taxRate, net: 0n, tax: 0n, gross: 0n };
      rates.set(taxRate, rateTotal);
    }
    addTo(rateTotal, charge);
    addTo(total, charge);
  }

  if (lines.size === 0) throw new RangeError('an invoice covers at least one charge line');

  return {
    lines: [...lines.values()].sort(
      (a, b) => compareText(a.service, b.service) || compareRates(a.taxRate, b.taxRate),
    ),
    totalsByRate: [...rates.values()].sort((a, b) => compareRates(a.taxRate, b.taxRate)),
    total,
    totalInCapitals: amountInChineseCapitals(total.gross),
  };
}

/** The content of the credit note (red invoice) that reverses `original`: every amount negated. */
export function creditNoteDocument(original: InvoiceDocument): InvoiceDocument {
  const negate = <T extends InvoiceAmounts>(amounts: T): T => ({
    ...amounts,
    net: -amounts.net,
    tax: -amounts.tax,
    gross: -amounts.gross,
  });
  const total = negate(original.total);
  return {
    lines: original.lines.map(negate),
    totalsByRate: original.totalsByRate.map(negate),
    total,
    totalInCapitals: amountInChineseCapitals(total.gross),
  };
}
