import { asc, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
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

export async function getCurrentTermsVersion(db: Db, now: Date): Promise<TermsVersion | null> {
  const [row] = await db.select().from(termsVersions).where(lte(termsVersions.effectiveAt, now)).orderBy(desc(termsVersions.number)).limit(1);
  return row ?? null;
}

export type TermsVersionTiming = Pick<TermsVersion, 'number' | 'effectiveOn' | 'effectiveAt'>;

const timingColumns = { number: termsVersions.number, effectiveOn: termsVersions.effectiveOn, effectiveAt: termsVersions.effectiveAt };

/** Number and dates of the latest and of the current version, without their texts (for every page's banner). */
export async function termsVersionTimings(db: Db, now: Date): Promise<{ latest: TermsVersionTiming | null; current: TermsVersionTiming | null }> {
  const [latest] = await db.select(timingColumns).from(termsVersions).orderBy(desc(termsVersions.number)).limit(1);
  if (!latest || latest.effectiveAt <= now) return { latest: latest ?? null, current: latest ?? null };
  const [current] = await db.select(timingColumns).from(termsVersions).where(lte(termsVersions.effectiveAt, now)).orderBy(desc(termsVersions.number)).limit(1);
  return { latest, current: current ?? null };
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
