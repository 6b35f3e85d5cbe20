import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoiceNumberCounters } from '@/lib/db/schema';
import { localPartsIn } from '@/lib/time/zoned-date';

export interface InvoiceNumber {
  number: string;
  year: number;
  seq: number;
}

/** INV-2026-000001 */
export function formatInvoiceNumber(year: number, seq: number): string {
  return `INV-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * The next number of the year of `now` (in the billing time zone), gap-free: the year's counter
 * row is locked FOR UPDATE until the calling transaction ends, so concurrent issuers queue here,
 * and a transaction that fails after taking a number rolls the counter back with everything else.
 * Call it inside the transaction that stores the number, as late as possible (the lock is held
 * until commit).
 */
export async function takeInvoiceNumber(tx: Db, now: Date, timeZone: string): Promise<InvoiceNumber> {
  const { year } = localPartsIn(now, timeZone);
  await tx.insert(invoiceNumberCounters).values({ year, lastSeq: 0 }).onConflictDoNothing();
  const [counter] = await tx.select().from(invoiceNumberCounters).where(eq(invoiceNumberCounters.year, year)).for('update');
  const seq = counter.lastSeq + 1;
  await tx.update(invoiceNumberCounters).set({ lastSeq: seq }).where(eq(invoiceNumberCounters.year, year));
  return { number: formatInvoiceNumber(year, seq), year, seq };
}
