import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { earliestEffectiveDate, listPriceChanges, type ScheduledChange } from './price-schedule';
import { loadCatalogue } from './rates';

/** Everything the admin's price page shows. */
export interface AdminPricesView {
  services: { id: string; name: string; unit: string }[];
  /** Every tax category in use (by a tax rule or a price), sorted. */
  categories: string[];
  /** The earliest date a change can take effect (the notice period from today). */
  minDate: string;
  /** Every change ever scheduled, instants as ISO strings. */
  changes: (Omit<ScheduledChange, 'scheduledAt' | 'withdrawnAt'> & { scheduledAt: string; withdrawnAt: string | null })[];
}

export async function loadAdminPrices(db: Db, cfg: Pick<PortalConfig, 'billingTimeZone' | 'priceNoticeDays'>, input: { now: Date }): Promise<AdminPricesView> {
  const { now } = input;
  const [catalogue, changes] = await Promise.all([loadCatalogue(db), listPriceChanges(db, { now, timeZone: cfg.billingTimeZone })]);
  return {
    services: catalogue.services.map((s) => ({ id: s.id, name: s.name, unit: s.unit })),
    categories: [...new Set([...catalogue.taxRules.map((r) => r.category), ...catalogue.prices.map((p) => p.taxCategory)])].sort(),
    minDate: earliestEffectiveDate(now, cfg.billingTimeZone, cfg.priceNoticeDays),
    changes: changes.map((c) => ({ ...c, scheduledAt: c.scheduledAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null })),
  };
}
