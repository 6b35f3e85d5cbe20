import { sql } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { customerAccounts, termsVersions } from '@/lib/db/schema';
import { createNotice } from '@/lib/notices/create-notice';
import { calendarDateIn, startOfDateIn } from '@/lib/time/zoned-date';
import { checkTermsDocument, parseTerms } from './parse-terms';
import { TermsError } from './terms-error';
import { getLatestTermsVersion, type TermsVersion } from './versions';

export interface NewTermsVersion {
  /** The bilingual text, in the format of lib/terms/content/*.txt. */
  source: string;
  summaryEn: string;
  summaryZh: string;
  /** YYYY-MM-DD in the operator's time zone. */
  effectiveOn: string;
  /** Who publishes it (null: the system, e.g. a script). */
  actor: ActorRef | null;
  timeZone: string;
  now: Date;
}

/** Serialises publishing on PostgreSQL, so two admins cannot take the same number. */
const PUBLISH_LOCK = 7242008;

function normalise(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

/**
 * Publishes a new version of the terms and announces it to every customer account (a
 * `terms_amended` notice, which also drives the banner until they acknowledge), in one transaction.
 * The effective date may not be in the past, nor before the latest version's, so "newest in force"
 * and "latest effective" always name the same version.
 */
export async function publishTermsVersion(db: Db, input: NewTermsVersion): Promise<{ version: TermsVersion; noticesCreated: number }> {
  const source = normalise(input.source);
  const problems = checkTermsDocument(parseTerms(source || ' '));
  if (!source || problems.length) {
    throw new TermsError('invalid_text', 'The terms text cannot be published as it is', problems.map((p) => p.code));
  }
  const today = calendarDateIn(input.now, input.timeZone);
  if (input.effectiveOn < today) throw new TermsError('effective_in_past', `The effective date must be today (${today}) or later`);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
    const latest = await getLatestTermsVersion(tx);
    if (latest && normalise(latest.source) === source) throw new TermsError('unchanged', 'The text is the same as version ' + latest.number);
    if (latest && input.effectiveOn < latest.effectiveOn) {
      throw new TermsError('effective_before_latest', `The effective date must not be before version ${latest.number}'s (${latest.effectiveOn})`);
    }
    const [version] = await tx
      .insert(termsVersions)
      .values({
        number: (latest?.number ?? 0) + 1,
        source,
        summaryEn: input.summaryEn.trim(),
        summaryZh: input.summaryZh.trim(),
        effectiveOn: input.effectiveOn,
        effectiveAt: startOfDateIn(input.effectiveOn, input.timeZone),
        publishedAt: input.now,
        publishedByUserId: input.actor?.userId ?? null,
      })
      .returning();
    const accounts = await tx.select({ id: customerAccounts.id }).from(customerAccounts);
    let noticesCreated = 0;
    for (const account of accounts) {
      const id = await createNotice(tx, {
        accountId: account.id,
        kind: 'terms_amended',
        params: { version: version.number, effectiveOn: version.effectiveOn },
        dedupeKey: `terms_amended:${version.number}:${account.id}`,
        now: input.now,
      });
      if (id) noticesCreated += 1;
    }
    return { version, noticesCreated };
  });
}
