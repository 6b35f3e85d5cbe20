import { z } from 'zod';
import { count } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { services } from '@/lib/db/schema';
import { taxKinds, type TaxKind } from './vocabulary';
import { writeCatalogue } from './write-catalogue';

/**
 * The operator's catalogue as a file: the services with their unit prices (excluding VAT, in yuan,
 * up to 6 decimals) and the tax rules of each tax category, each effective from a date. In
 * production the portal seeds nothing from code: the operator imports this file once
 * (`npm run catalogue -- import FILE`), and later changes go through /admin/prices with notice.
 */
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');
const unitPrice = z.string().regex(/^(0|[1-9]\d{0,9})(\.\d{1,6})?$/, 'a price in yuan with at most 6 decimals, e.g. "0.12"');
const rate = z.string().regex(/^0(\.\d{1,6})?$/, 'a rate between 0 and 1 with at most 6 decimals, e.g. "0.06"');
const id = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - or _, starting with a letter');

export const catalogueFileSchema = z
  .object({
    services: z
      .array(
        z.object({
          id,
          name: z.string().trim().min(1).max(80),
          unit: z.string().trim().min(1).max(40),
          sortOrder: z.number().int().min(0).max(10_000),
          prices: z.array(z.object({ effectiveFrom: day, unitPrice, taxCategory: id })).min(1),
        }),
      )
      .min(1),
    taxRules: z.array(z.object({ category: id, kind: z.enum(taxKinds), rate, effectiveFrom: day })).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = file.services.map((s) => s.id);
    ids.forEach((serviceId, i) => {
      if (ids.indexOf(serviceId) !== i) ctx.addIssue({ code: 'custom', path: ['services', i, 'id'], message: `service "${serviceId}" is listed twice` });
    });
    const categories = new Set(file.taxRules.map((r) => r.category));
    file.services.forEach((s, i) =>
      s.prices.forEach((p, j) => {
        if (!categories.has(p.taxCategory)) {
          ctx.addIssue({ code: 'custom', path: ['services', i, 'prices', j, 'taxCategory'], message: `no tax rule for category "${p.taxCategory}"` });
        }
      }),
    );
  });

export interface CatalogueService {
  id: string;
  name: string;
  unit: string;
  sortOrder: number;
  prices: { effectiveFrom: string; unitPrice: string; taxCategory: string }[];
}

export interface CatalogueTaxRule {
  category: string;
  kind: TaxKind;
  rate: string;
  effectiveFrom: string;
}

export type CatalogueFile = { services: CatalogueService[]; taxRules: CatalogueTaxRule[] };

/** Parses a catalogue file's text; the problems, each with where it is, when it is not one. */
export function parseCatalogueFile(text: string): { ok: true; catalogue: CatalogueFile } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${(error as Error).message}`] };
  }
  const parsed = catalogueFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  return { ok: true, catalogue: parsed.data };
}

/**
 * Imports a catalogue into an empty database. Refused once any service exists: from then on
 * prices and tax rules change through /admin/prices, with the notice period the terms promise.
 */
export async function importCatalogue(db: Db, catalogue: CatalogueFile): Promise<{ imported: true } | { imported: false; reason: 'not_empty' }> {
  const [{ n }] = await db.select({ n: count() }).from(services);
  if (n > 0) return { imported: false, reason: 'not_empty' };
  await writeCatalogue(db, catalogue);
  return { imported: true };
}

/** Whether the database has any service to price usage with. */
export async function hasCatalogue(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(services);
  return n > 0;
}
