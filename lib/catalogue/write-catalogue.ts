import type { Db } from '@/lib/db/client';
import { prices, services, taxRules } from '@/lib/db/schema';
import type { CatalogueFile } from './catalogue-file';

/**
 * Puts a catalogue's price list and tax rules in place (idempotent: existing rows are kept). The
 * operator's import (`importCatalogue`) and the demo catalogue (lib/demo/catalogue.ts) write through it.
 */
export async function writeCatalogue(db: Db, catalogue: CatalogueFile): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(services)
      .values(catalogue.services.map((s) => ({ id: s.id, name: s.name, unit: s.unit, sortOrder: s.sortOrder })))
      .onConflictDoNothing();
    const priceRows = catalogue.services.flatMap((s) =>
      s.prices.map((p) => ({ serviceId: s.id, effectiveFrom: p.effectiveFrom, unitPrice: p.unitPrice, unit: s.unit, taxCategory: p.taxCategory })),
    );
    if (priceRows.length > 0) await tx.insert(prices).values(priceRows).onConflictDoNothing();
    if (catalogue.taxRules.length > 0) {
      await tx
        .insert(taxRules)
        .values(catalogue.taxRules.map((r) => ({ category: r.category, kind: r.kind, rate: r.rate, effectiveFrom: r.effectiveFrom })))
        .onConflictDoNothing();
    }
  });
}
