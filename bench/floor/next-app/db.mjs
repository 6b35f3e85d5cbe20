import pg from 'pg';

const holder = globalThis;
/** One pool per process, like the portal's. */
export const pool = (holder.__floorPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }));
