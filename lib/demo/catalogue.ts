import type { CatalogueFile } from '@/lib/catalogue/catalogue-file';
import type { Db } from '@/lib/db/client';
import { writeCatalogue } from '@/lib/catalogue/write-catalogue';

/**
 * The demo price list of CONTRACT.md (per unit, excluding VAT) and the tax rules behind it.
 * Tax history follows the business-tax → VAT switch the terms foresee: IT services were under
 * business tax (5 %) until VAT (6 %); basic telecom moved to VAT at 11 %, later 10 % and 9 %.
 */
export const TAX_CATEGORIES = {
  itServices: 'it_services',
  basicTelecom: 'basic_telecom',
} as const;

export const DEMO_SERVICES: CatalogueFile['services'] = [
  { id: 'compute', name: 'Compute', unit: 'vCPU-hour', sortOrder: 1, prices: [{ effectiveFrom: '2000-01-01', unitPrice: '0.12', taxCategory: TAX_CATEGORIES.itServices }] },
  { id: 'storage', name: 'Storage', unit: 'GB-day', sortOrder: 2, prices: [{ effectiveFrom: '2000-01-01', unitPrice: '0.004', taxCategory: TAX_CATEGORIES.itServices }] },
  { id: 'traffic', name: 'Traffic', unit: 'GB', sortOrder: 3, prices: [{ effectiveFrom: '2000-01-01', unitPrice: '0.80', taxCategory: TAX_CATEGORIES.basicTelecom }] },
];

export const DEMO_TAX_RULES: CatalogueFile['taxRules'] = [
  { category: TAX_CATEGORIES.itServices, kind: 'business_tax', rate: '0.05', effectiveFrom: '2000-01-01' },
  { category: TAX_CATEGORIES.itServices, kind: 'vat', rate: '0.06', effectiveFrom: '2013-08-01' },
  { category: TAX_CATEGORIES.basicTelecom, kind: 'business_tax', rate: '0.03', effectiveFrom: '2000-01-01' },
  { category: TAX_CATEGORIES.basicTelecom, kind: 'vat', rate: '0.11', effectiveFrom: '2014-06-01' },
  { category: TAX_CATEGORIES.basicTelecom, kind: 'vat', rate: '0.10', effectiveFrom: '2018-05-01' },
  { category: TAX_CATEGORIES.basicTelecom, kind: 'vat', rate: '0.09', effectiveFrom: '2019-04-01' },
];

/** The demo catalogue as a catalogue file: the template `npm run catalogue -- example` prints. */
export const DEMO_CATALOGUE: CatalogueFile = { services: DEMO_SERVICES, taxRules: DEMO_TAX_RULES };

/** Puts the demo catalogue in place (idempotent). Demo mode, tests and benchmarks only: production imports its own. */
export async function seedDemoCatalogue(db: Db): Promise<void> {
  await writeCatalogue(db, DEMO_CATALOGUE);
}
