import { asc } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { services } from '@/lib/db/schema';

/** Service ids in the catalogue's order (for the history's service filter). */
export async function listServices(db: Db): Promise<string[]> {
  const rows = await db.select({ id: services.id }).from(services).orderBy(asc(services.sortOrder), asc(services.id));
  return rows.map((r) => r.id);
}
