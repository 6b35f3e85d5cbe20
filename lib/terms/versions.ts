import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jsonFirstRow, readJson, type JsonRead } from '@/lib/db/read-together';
import { epochMs } from '@/lib/db/sql-rows';
import { termsVersions, type TermsVersionRow } from '@/lib/db/schema';

export type TermsVersion = TermsVersionRow;

/** What selecting the current version needs of a version. */
export interface VersionTiming {
  number: number;
  effectiveAt: Date;
}

/**
 * The version in force at `now`: the newest (highest number) whose effective instant has come.
 * A version published for a later date is not current yet. Null when none is in force.
 */
export function selectCurrentVersion<V extends VersionTiming>(versions: readonly V[], now: Date): V | null {
  let current: V | null = null;
  for (const v of versions) {
    if (v.effectiveAt.getTime() <= now.getTime() && (!current || v.number > current.number)) current = v;
  }
  return current;
}

/** All versions, oldest first. */
export async function listTermsVersions(db: Db): Promise<TermsVersion[]> {
  return db.select().from(termsVersions).orderBy(asc(termsVersions.number));
}

export async function getTermsVersion(db: Db, number: number): Promise<TermsVersion | null> {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const [row] = await db.select().from(termsVersions).where(eq(termsVersions.number, number));
  return row ?? null;
}

/** The number of the version in force at `now`: the newest whose effective instant has come (null before any). */
export function currentVersionNumber(now: Date): SQL<number | null> {
  return sql<number | null>`(select number from ${termsVersions} where effective_at <= ${now} order by number desc limit 1)`;
}

export async function getCurrentTermsVersion(db: Db, now: Date): Promise<TermsVersion | null> {
  const [row] = await db.select().from(termsVersions).where(eq(termsVersions.number, currentVersionNumber(now)));
  return row ?? null;
}

export type TermsVersionTiming = Pick<TermsVersion, 'number' | 'effectiveOn' | 'effectiveAt'>;

export interface TermsVersionTimings {
  latest: TermsVersionTiming | null;
  /** The version in force at the instant asked about: the newest whose `effectiveAt` has come. */
  current: TermsVersionTiming | null;
}

/** One version's number and dates as JSON (`TermsVersionTiming` once decoded), chosen by `where`. */
function timingJson(where: SQL): SQL {
  return jsonFirstRow(
    sql`select number, effective_on::text as "effectiveOn", ${epochMs(sql`effective_at`)} as "effectiveAt"
        from ${termsVersions} ${where} order by number desc limit 1`,
  );
}

function timingOf(value: unknown): TermsVersionTiming | null {
  if (value === null) return null;
  const row = value as { number: number; effectiveOn: string; effectiveAt: string };
  return { number: row.number, effectiveOn: row.effectiveOn, effectiveAt: new Date(Number(row.effectiveAt)) };
}

/** Number and dates of the latest and of the current version, without their texts (for every page's banner). */
export function termsTimingsRead(now: Date): JsonRead<TermsVersionTimings> {
  return {
    json: sql`json_build_object('latest', ${timingJson(sql``)}, 'current', ${timingJson(sql`where number = ${currentVersionNumber(now)}`)})`,
    decode: (value) => {
      const timings = value as { latest: unknown; current: unknown };
      return { latest: timingOf(timings.latest), current: timingOf(timings.current) };
    },
  };
}

export async function termsVersionTimings(db: Db, now: Date): Promise<TermsVersionTimings> {
  return readJson(db, termsTimingsRead(now));
}

/** The most recently published version, in force or not. */
export async function getLatestTermsVersion(db: Db): Promise<TermsVersion | null> {
  const [row] = await db.select().from(termsVersions).orderBy(desc(termsVersions.number)).limit(1);
  return row ?? null;
}

export type VersionStatus = 'current' | 'upcoming' | 'superseded';

/** Status of each version at `now`, for the history page. */
export function versionStatus(version: VersionTiming, current: VersionTiming | null, now: Date): VersionStatus {
  if (current && version.number === current.number) return 'current';
  if (version.effectiveAt.getTime() > now.getTime()) return 'upcoming';
  return 'superseded';
}
