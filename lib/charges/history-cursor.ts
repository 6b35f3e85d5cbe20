/**
 * Keyset position in the history: the last row shown, as (effective_at, transfer id). The instant
 * travels as PostgreSQL printed it (microseconds, UTC) so no precision is lost on the way back.
 */
export interface HistoryCursor {
  /** e.g. `2026-03-10T00:30:00.123456Z` */
  effectiveAt: string;
  transferId: bigint;
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return Buffer.from(`${cursor.effectiveAt}|${cursor.transferId}`, 'utf8').toString('base64url');
}

/** The cursor in a `cursor` parameter; null when absent or not one of ours. */
export function decodeHistoryCursor(text: string | null | undefined): HistoryCursor | null {
  if (!text || text.length > 100) return null;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const [effectiveAt, id, ...rest] = decoded.split('|');
  if (rest.length > 0 || !instantPattern.test(effectiveAt ?? '') || !/^\d{1,19}$/.test(id ?? '')) return null;
  if (Number.isNaN(Date.parse(effectiveAt))) return null;
  return { effectiveAt, transferId: BigInt(id) };
}
