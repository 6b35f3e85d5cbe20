/** The SQLSTATE of a database error, looking through wrappers (drizzle wraps driver errors in `cause`). */
export function sqlState(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = typeof current === 'object' && 'cause' in current ? current.cause : null;
  }
  return null;
}

/**
 * A write that lost a race: unique violation (another transaction linked the same charge first),
 * deadlock or serialization failure. Nothing of the losing transaction was written.
 */
export function isConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '23505' || state === '40P01' || state === '40001';
}
