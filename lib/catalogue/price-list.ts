import { MoneyDecimal } from '@/lib/money';
import type { TaxKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/client';
import { loadCatalogue, resolveDayRate, type Catalogue, type DayRate } from './rates';

/** What one unit of a service costs on a day, as the public price list shows it (JSON-safe). */
export interface PriceListRate {
  /** Yuan per unit excluding VAT, exact ("0.12"). */
  unitPrice: string;
  unit: string;
  taxCategory: string;
  taxKind: TaxKind;
  /** e.g. "0.06" */
  taxRate: string;
  /** Yuan per unit including the tax, exact (unit price × (1 + rate), not rounded: a charge rounds once per line). */
  grossUnitPrice: string;
}

export interface PriceListEntry {
  serviceId: string;
  name: string;
  /** In force today; null when the catalogue has nothing in force for the service. */
  current: PriceListRate | null;
  /** Each later date on which the service's price or tax changes, with the rate from then on. */
  upcoming: { effectiveFrom: string; rate: PriceListRate | null }[];
}

export interface PriceList {
  /** The service day the list is for (YYYY-MM-DD in the billing time zone). */
  today: string;
  entries: PriceListEntry[];
}

const plain = (value: string) => new MoneyDecimal(value).toFixed();

function listRate(rate: DayRate | null): PriceListRate | null {
  if (!rate) return null;
  return {
    unitPrice: plain(rate.unitPrice),
    unit: rate.unit,
    taxCategory: rate.taxCategory,
    taxKind: rate.taxKind,
    taxRate: plain(rate.taxRate),
    grossUnitPrice: new MoneyDecimal(rate.unitPrice).times(new MoneyDecimal(1).plus(rate.taxRate)).toFixed(),
  };
}

const sameRate = (a: PriceListRate | null, b: PriceListRate | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The price list from the effective-dated catalogue billing uses (resolveDayRate, one source):
 * per service the rate in force today and every upcoming change of price or tax rule.
 */
export function buildPriceList(catalogue: Catalogue, today: string): PriceList {
  const changeDates = [...new Set([...catalogue.prices, ...catalogue.taxRules].map((r) => r.effectiveFrom).filter((d) => d > today))].sort();
  const entries = catalogue.services.map((service): PriceListEntry => {
    const current = listRate(resolveDayRate(catalogue, service.id, today));
    const upcoming: PriceListEntry['upcoming'] = [];
    let before = current;
    for (const date of changeDates) {
      const rate = listRate(resolveDayRate(catalogue, service.id, date));
      if (!sameRate(rate, before)) upcoming.push({ effectiveFrom: date, rate });
      before = rate;
    }
    return { serviceId: service.id, name: service.name, current, upcoming };
  });
  return { today, entries };
}

export async function readPriceList(db: Db, today: string): Promise<PriceList> {
  return buildPriceList(await loadCatalogue(db), today);
}
