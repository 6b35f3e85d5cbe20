import { sql, type SQL } from 'drizzle-orm';

/**
 * The SQL twin of `roundHalfUp` for set-based settlement: PostgreSQL's `round(numeric)` rounds
 * ties away from zero, exactly like decimal.js ROUND_HALF_UP. `money.test.ts` checks the two agree
 * on both PGlite and PostgreSQL. The argument must be a `numeric` amount of fen (never a float).
 */
export function sqlRoundHalfUp(fenNumeric: SQL): SQL {
  return sql`round((${fenNumeric})::numeric, 0)::bigint`;
}
