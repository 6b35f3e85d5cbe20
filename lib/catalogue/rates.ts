import { asc } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { prices, services, taxRules, type TaxKind } from '@/lib/db/schema';

export interface Catalogue {
  services: { id: string; name: string; unit: string }[];
  prices: { id: bigint; serviceId: string; effectiveFrom: string; unitPrice: string; unit: string; taxCategory: string }[];
  taxRules: { id: bigint; category: string; kind: TaxKind; rate: string; effectiveFrom: string }[];
}

/** What a unit of a service costs on a service day, and the tax rule in force that day. */
export interface DayRate {
  serviceId: string;
  serviceDay: string;
  priceId: bigint;
  /** Yuan per unit, exact decimal string. */
  unitPrice: string;
  unit: string;
  taxCategory: string;
  taxRuleId: bigint;
  taxKind: TaxKind;
  /** e.g. "0.060000" */
  taxRate: string;
}

export async function loadCatalogue(db: Db): Promise<Catalogue> {
  // Sequential: inside a transaction the queries share one connection.
  const s = await db.select({ id: services.id, name: services.name, unit: services.unit }).from(services).orderBy(asc(services.sortOrder), asc(services.id));
  const p = await db.select().from(prices).orderBy(asc(prices.serviceId), asc(prices.effectiveFrom));
  const t = await db.select().from(taxRules).orderBy(asc(taxRules.category), asc(taxRules.effectiveFrom));
  return { services: s, prices: p, taxRules: t };
}

/** The latest row effective on or before `day` (rows sorted by effectiveFrom ascending). */
function inForce<T extends { effectiveFrom: string }>(rows: T[], day: string): T | null {
  let found: T | null = null;
  for (const row of rows) {
    if (row.effectiveFrom <= day) found = row;
    else break;
  }
  return found;
}

/** The price and tax rule for a service on a day; null when the catalogue has none in force. */
export function resolveDayRate(catalogue: Catalogue, serviceId: string, serviceDay: string): DayRate | null {
  const price = inForce(catalogue.prices.filter((p) => p.serviceId === serviceId), serviceDay);
  if (!price) return null;
  const rule = inForce(catalogue.taxRules.filter((r) => r.category === price.taxCategory), serviceDay);
  if (!rule) return null;
  return {
    serviceId,
    serviceDay,
    priceId: price.id,
    unitPrice: price.unitPrice,
    unit: price.unit,
    taxCategory: price.taxCategory,
    taxRuleId: rule.id,
    taxKind: rule.kind,
    taxRate: rule.rate,
  };
}
