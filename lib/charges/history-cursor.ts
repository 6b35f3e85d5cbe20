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
/** Transfer ids are PostgreSQL bigints. */
const MAX_TRANSFER_ID = 2n ** 63n - 1n;

/**
 * An instant PostgreSQL accepts: `2026-02-30T…` matches the pattern (and JavaScript even rolls it
 * over to March) and year 0000 does not exist, but both would reach the database as an error.
 */
function isRealInstant(text: string): boolean {
  const ms = Date.parse(text);
  return !text.startsWith('0000') && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === text.slice(0, 19);
}

export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return Buffer.from(`${cursor.effectiveAt}|${cursor.transferId}`, 'utf8').toString('base64url');
}

/** The cursor in a `cursor` parameter; null when absent or not one of ours. */
export function decodeHistoryCursor(text: string | null | undefined): HistoryCursor | null {
  if (!text || text.length > 100) return null;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const [effectiveAt, id, ...rest] = decoded.split('|');
  if (rest.length > 0 || !instantPattern.test(effectiveAt ?? '') || !/^\d{1,19}$/.test(id ?? '')) return null;
  if (!isRealInstant(effectiveAt)) return null;
  const transferId = BigInt(id);
  return transferId <= MAX_TRANSFER_ID ? { effectiveAt, transferId } : null;
}
