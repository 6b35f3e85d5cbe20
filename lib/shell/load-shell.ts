import { cache } from 'react';
import { sql } from 'drizzle-orm';
import { accountStandingRead, type AccountStanding } from '@/lib/accounts/account-standing';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { ongoingOutagesRead, type OngoingOutage } from '@/lib/billing/incident-status';
import { config } from '@/lib/config';
import { accuracyPromptRead, type AccuracyPrompt } from '@/lib/contact/contact-details';
import { getDb, type Db } from '@/lib/db/client';
import { readTogether, type JsonRead } from '@/lib/db/read-together';
import { membershipsRead, type Membership } from '@/lib/members/membership';
import { unreadNoticesRead } from '@/lib/notices/notice-centre';
import { accountNameRead } from '@/lib/support/account-name';
import { termsShellRead, type TermsBanner, type TermsShellState } from '@/lib/terms/terms-records';

/** Whose portal support is viewing, why, and until when (the impersonation banner). */
export interface ImpersonationBannerData {
  accountId: string;
  accountName: string | null;
  reason: string;
  expiresAt: Date;
}

/**
 * Everything the frame of a signed-in page shows besides the page itself, loaded once per request.
 * One object: a new banner adds one field here and one line in `loadShellData`.
 */
export interface ShellData {
  viewer: Viewer;
  unreadNotices: number;
  impersonation: ImpersonationBannerData | null;
  /** The terms amendment banner (declared accounts only). */
  terms: TermsBanner | null;
  /** The version in force whose "continued use" the page should record once it is used; null when none is due. */
  continuedUseDue: number | null;
  /** The contact-accuracy banner. */
  accuracy: AccuracyPrompt | null;
  /** Ongoing outages hitting the account shown (the outage banner), and the clock to show them in. */
  outages: OngoingOutage[];
  timeZone: string;
  /** Closed, terminated or suspended for cause (the read-only banner); null for an account in good standing. */
  standing: AccountStanding | null;
  /** The accounts the user may switch between (user menu), the one in use among them. */
  memberships: Membership[];
}

/**
 * The shell's data for a viewer: every read in one statement (`readTogether`, lib/db/read-together.ts),
 * each stated once by its own area. Reads only: a render never writes.
 */
export async function loadShellData(db: Db, viewer: Viewer, now: Date): Promise<ShellData> {
  const impersonation = viewer.impersonation;
  const timeZone = config().billingTimeZone;
  const none = <T>(value: T): JsonRead<T> => ({ json: sql`null::json`, decode: () => value });
  const read = await readTogether(db, {
    unreadNotices: unreadNoticesRead(viewer.accountId, viewer.memberRole),
    accountName: impersonation ? accountNameRead(impersonation.accountId) : none(null),
    terms: viewer.declared
      ? termsShellRead({ accountId: viewer.accountId, userId: viewer.userId, recordUse: !impersonation, now })
      : none<TermsShellState>({ banner: null, continuedUseDue: null }),
    accuracy: accuracyPromptRead(viewer.accountId, now),
    outages: ongoingOutagesRead(viewer.accountId, { now, timeZone }),
    standing: accountStandingRead(viewer.accountId),
    memberships: membershipsRead(viewer.userId),
  });
  return {
    viewer,
    unreadNotices: read.unreadNotices,
    impersonation: impersonation
      ? { accountId: impersonation.accountId, accountName: read.accountName, reason: impersonation.reason, expiresAt: impersonation.expiresAt }
      : null,
    terms: read.terms.banner,
    continuedUseDue: read.terms.continuedUseDue,
    accuracy: read.accuracy,
    outages: read.outages,
    timeZone,
    standing: read.standing,
    memberships: read.memberships,
  };
}

/** The current request's shell data (cached per request), or null when signed out. */
export const loadShell = cache(async (): Promise<ShellData | null> => {
  const viewer = await getViewer();
  if (!viewer) return null;
  return loadShellData(getDb(), viewer, new Date());
});
