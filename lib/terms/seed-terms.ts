import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { termsVersions } from '@/lib/db/schema';
import { startOfDateIn } from '@/lib/time/zoned-date';
import { DEFAULT_BILLING_TIME_ZONE } from '@/lib/billing/rules';

/** The operator's time zone: a version's effective date starts at midnight there. */

/** The version shipped with the portal: the operator's text as provided. */
export const FIRST_TERMS_VERSION = {
  file: 'lib/terms/content/2026-11-26.txt',
  effectiveOn: '2026-11-26',
  summaryEn: 'First version of the terms of use.',
  summaryZh: '使用条款首个版本。',
} as const;

export function readFirstTermsSource(root = process.cwd()): string {
  return readFileSync(path.join(root, FIRST_TERMS_VERSION.file), 'utf8');
}

/**
 * Creates version 1 if it is missing, and records its acceptance for every account that made its
 * declaration without a recorded acceptance (accounts seeded before the terms existed). Idempotent:
 * call it at every start, after the demo users are seeded.
 */
export async function seedTerms(db: Db, opts: { now: Date; timeZone?: string; source?: string }): Promise<void> {
  const effectiveAt = startOfDateIn(FIRST_TERMS_VERSION.effectiveOn, opts.timeZone ?? DEFAULT_BILLING_TIME_ZONE);
  await db
    .insert(termsVersions)
    .values({
      number: 1,
      source: (opts.source ?? readFirstTermsSource()).trim(),
      summaryEn: FIRST_TERMS_VERSION.summaryEn,
      summaryZh: FIRST_TERMS_VERSION.summaryZh,
      effectiveOn: FIRST_TERMS_VERSION.effectiveOn,
      effectiveAt,
      publishedAt: effectiveAt < opts.now ? effectiveAt : opts.now,
      publishedByUserId: null,
    })
    .onConflictDoNothing();
  await db.execute(sql`
    insert into terms_records (account_id, user_id, version_number, kind, via, at)
    select a.id, u.id, 1, 'accepted', 'seed', a.declared_at
    from customer_accounts a
    join users u on u.account_id = a.id
    where a.declared_at is not null
      and not exists (
        select 1 from terms_records r
        where r.account_id = a.id and r.kind in ('accepted', 'acknowledged')
      )
    on conflict do nothing
  `);
}
