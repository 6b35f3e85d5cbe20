import { and, eq, isNull } from 'drizzle-orm';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { customerAccounts, termsRecords } from '@/lib/db/schema';
import type { Declaration } from './declaration';
import { TermsError } from './terms-error';
import { getCurrentTermsVersion } from './versions';

/**
 * Records the first-sign-in declaration: the account's kind, name and residence, when it was made,
 * and the acceptance of the version in force, in one transaction. A declaration is made once.
 */
export async function declareAccount(db: Db, input: { accountId: string; actor: ActorRef; declaration: Declaration; now: Date }): Promise<{ acceptedVersion: number }> {
  const { declaration: d, now } = input;
  return db.transaction(async (tx) => {
    const current = await getCurrentTermsVersion(tx, now);
    if (!current) throw new TermsError('no_terms', 'No terms are in force yet');
    if (current.number !== d.termsVersion) {
      throw new TermsError('terms_changed', `Version ${current.number} of the terms came into force meanwhile: read it before accepting`);
    }
    const updated = await tx
      .update(customerAccounts)
      .set({ kind: d.kind, name: d.name, residence: d.residence, declaredAt: now })
      .where(and(eq(customerAccounts.id, input.accountId), isNull(customerAccounts.declaredAt)))
      .returning({ id: customerAccounts.id });
    if (!updated.length) throw new TermsError('already_declared', 'This account has already made its declaration');
    await tx
      .insert(termsRecords)
      .values({ accountId: input.accountId, userId: input.actor.userId, versionNumber: current.number, kind: 'accepted', via: 'declaration', at: now })
      .onConflictDoNothing();
    return { acceptedVersion: current.number };
  });
}
