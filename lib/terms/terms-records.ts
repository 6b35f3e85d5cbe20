import { and, desc, eq, sql } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { jsonScalar, readJson, type JsonRead } from '@/lib/db/read-together';
import { termsRecords, termsVersions, type TermsRecordKind, type TermsRecordRow } from '@/lib/db/schema';
import { TermsError } from './terms-error';
import { currentVersionNumber, termsTimingsRead, termsVersionTimings, type TermsVersionTiming } from './versions';

export interface RecordTarget {
  accountId: string;
  /** The user the record is about: who saw, used or acknowledged the version. */
  actor: ActorRef;
  version: number;
  now: Date;
}

/** Writes a record once: the first time a user saw, used, accepted or acknowledged a version counts. */
async function recordOnce(db: Db, target: RecordTarget, kind: TermsRecordKind, via: string): Promise<boolean> {
  const rows = await db
    .insert(termsRecords)
    .values({ accountId: target.accountId, userId: target.actor.userId, versionNumber: target.version, kind, via, at: target.now })
    .onConflictDoNothing()
    .returning({ id: termsRecords.id });
  return rows.length > 0;
}

/** When the user's record of this kind for the version was written; null when there is none. */
async function recordedAt(db: Db, target: { accountId: string; userId: string; version: number }, kind: TermsRecordKind): Promise<Date | null> {
  const [row] = await db
    .select({ at: termsRecords.at })
    .from(termsRecords)
    .where(
      and(
        eq(termsRecords.accountId, target.accountId),
        eq(termsRecords.userId, target.userId),
        eq(termsRecords.versionNumber, target.version),
        eq(termsRecords.kind, kind),
      ),
    );
  return row?.at ?? null;
}

/** A record names a published version, else TermsError `unknown_version`. */
async function requirePublishedVersion(db: Db, number: number): Promise<void> {
  const [version] = await db.select({ number: termsVersions.number }).from(termsVersions).where(eq(termsVersions.number, number));
  if (!version) throw new TermsError('unknown_version', `There is no version ${number} of the terms`);
}

/** Where a reader opens a version's text. */
export const TERMS_VIEW_PLACES = ['terms_page', 'diff_page'] as const;

/**
 * The reader opened a version's text (the terms page, or the diff leading to it): recorded once,
 * after the page is shown (components/terms/view-recorder.tsx), never while rendering it.
 */
export async function recordTermsView(db: Db, target: RecordTarget & { via: (typeof TERMS_VIEW_PLACES)[number] }): Promise<void> {
  await requirePublishedVersion(db, target.version);
  await recordOnce(db, target, 'viewed', target.via);
}

/**
 * Acknowledges a published version (the amendment banner's button). Idempotent: the first
 * acknowledgement is kept. Not for support while impersonating: the action refuses that before.
 */
export async function acknowledgeTermsVersion(db: Db, target: RecordTarget): Promise<{ acknowledgedAt: Date }> {
  await requirePublishedVersion(db, target.version);
  await recordOnce(db, target, 'acknowledged', 'banner');
  const acknowledgedAt = await recordedAt(db, { accountId: target.accountId, userId: target.actor.userId, version: target.version }, 'acknowledged');
  if (!acknowledgedAt) throw new Error(`The acknowledgement of version ${target.version} was not recorded`);
  return { acknowledgedAt };
}

/** The highest version the account accepted (declaration) or acknowledged (banner); 0 when none. */
export function agreedVersionRead(accountId: string): JsonRead<number> {
  return {
    json: jsonScalar(sql`select max(version_number) from ${termsRecords} where account_id = ${accountId} and kind in ('accepted', 'acknowledged')`),
    decode: (value) => (value as number | null) ?? 0,
  };
}

export async function lastAgreedVersion(db: Db, accountId: string): Promise<number> {
  return readJson(db, agreedVersionRead(accountId));
}

export interface TermsBanner {
  /** The version to acknowledge: the latest published. */
  version: TermsVersionTiming;
  /** The version the account last agreed to (the diff's "from"); null when it never did. */
  fromVersion: number | null;
  /** Published but not yet in force. */
  upcoming: boolean;
}

/** What the shell needs about the terms on every page: the amendment banner and whether "continued use" is still to be recorded. */
export interface TermsShellState {
  banner: TermsBanner | null;
  /** The version in force, when this user's continued use of it is not yet recorded (and should be); else null. */
  continuedUseDue: number | null;
}

function bannerOf(latest: TermsVersionTiming | null, agreed: number, now: Date): TermsBanner | null {
  if (!latest || agreed >= latest.number) return null;
  return { version: latest, fromVersion: agreed || null, upcoming: latest.effectiveAt > now };
}

async function hasContinuedUse(db: Db, target: { accountId: string; userId: string; version: number }): Promise<boolean> {
  return (await recordedAt(db, target, 'continued_use')) !== null;
}

/**
 * What the amendment banner shows the account, if anything: the latest published version, while
 * the account has not acknowledged it (nor accepted it at its declaration). Reads only.
 */
export async function termsBannerFor(db: Db, input: { accountId: string; now: Date }): Promise<TermsBanner | null> {
  const { latest } = await termsVersionTimings(db, input.now);
  if (!latest) return null;
  return bannerOf(latest, await lastAgreedVersion(db, input.accountId), input.now);
}

/**
 * The banner and the pending "continued use" record in one read (the shell, on every page).
 * `recordUse` off (support viewing as the customer is not the customer using the portal): never due.
 */
/** The shell's terms state as one read (`readTogether` in lib/shell asks it with the others). */
export function termsShellRead(input: { accountId: string; userId: string; recordUse: boolean; now: Date }): JsonRead<TermsShellState> {
  const timings = termsTimingsRead(input.now);
  const agreed = agreedVersionRead(input.accountId);
  const used = input.recordUse
    ? sql`exists (select 1 from ${termsRecords} r where r.account_id = ${input.accountId} and r.user_id = ${input.userId} and r.kind = 'continued_use'
                    and r.version_number = ${currentVersionNumber(input.now)})`
    : sql`true`;
  return {
    json: sql`json_build_object('timings', ${timings.json}, 'agreed', ${agreed.json}, 'used', ${used})`,
    decode: (value) => {
      const row = value as { timings: unknown; agreed: unknown; used: boolean };
      const { latest, current } = timings.decode(row.timings);
      return { banner: bannerOf(latest, agreed.decode(row.agreed), input.now), continuedUseDue: row.used || !current ? null : current.number };
    },
  };
}

export async function termsShellState(db: Db, input: { accountId: string; userId: string; recordUse: boolean; now: Date }): Promise<TermsShellState> {
  return readJson(db, termsShellRead(input));
}

/**
 * Records the customer's continued use of the version in force, once per user and version (the
 * first use counts). Called when the customer uses the portal, never by support viewing as them.
 * Returns the version recorded now, or null when there is none in force or it was recorded before.
 */
export async function recordContinuedUse(db: Db, input: { accountId: string; actor: ActorRef; now: Date }): Promise<number | null> {
  const { current } = await termsVersionTimings(db, input.now);
  if (!current) return null;
  // Look before writing: the record is written once per version.
  if (await hasContinuedUse(db, { accountId: input.accountId, userId: input.actor.userId, version: current.number })) return null;
  const written = await recordOnce(db, { accountId: input.accountId, actor: input.actor, version: current.number, now: input.now }, 'continued_use', 'portal');
  return written ? current.number : null;
}

/** The account's record, newest first (shown on the history page). */
export async function termsRecordsOf(db: Db, accountId: string): Promise<TermsRecordRow[]> {
  return db.select().from(termsRecords).where(eq(termsRecords.accountId, accountId)).orderBy(desc(termsRecords.versionNumber), desc(termsRecords.at));
}
