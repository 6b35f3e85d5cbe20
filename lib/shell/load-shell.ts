import { cache } from 'react';
import { getAccountStanding, type AccountStanding } from '@/lib/accounts/account-standing';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { ongoingOutagesFor, type OngoingOutage } from '@/lib/billing/incident-status';
import { config } from '@/lib/config';
import { getAccuracyPrompt, type AccuracyPrompt } from '@/lib/contact/contact-details';
import { getDb, type Db } from '@/lib/db/client';
import { membershipsOf, type Membership } from '@/lib/members/membership';
import { countUnreadNotices } from '@/lib/notices/notice-centre';
import { accountNameOf } from '@/lib/support/account-name';
import { termsShellState, type TermsBanner } from '@/lib/terms/terms-records';

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

/** The shell's data for a viewer, every read at once (in parallel on PostgreSQL). Reads only: a render never writes. */
export async function loadShellData(db: Db, viewer: Viewer, now: Date): Promise<ShellData> {
  const impersonation = viewer.impersonation;
  const timeZone = config().billingTimeZone;
  const [unreadNotices, accountName, terms, accuracy, outages, standing, memberships] = await Promise.all([
    countUnreadNotices(db, viewer.accountId, viewer.memberRole),
    impersonation ? accountNameOf(db, impersonation.accountId) : Promise.resolve(null),
    viewer.declared
      ? termsShellState(db, { accountId: viewer.accountId, userId: viewer.userId, recordUse: !impersonation, now })
      : Promise.resolve({ banner: null, continuedUseDue: null }),
    getAccuracyPrompt(db, viewer.accountId, now),
    ongoingOutagesFor(db, viewer.accountId, { now, timeZone }),
    getAccountStanding(db, viewer.accountId),
    membershipsOf(db, viewer.userId),
  ]);
  return {
    viewer,
    unreadNotices,
    impersonation: impersonation ? { accountId: impersonation.accountId, accountName, reason: impersonation.reason, expiresAt: impersonation.expiresAt } : null,
    terms: terms.banner,
    continuedUseDue: terms.continuedUseDue,
    accuracy,
    outages,
    timeZone,
    standing,
    memberships,
  };
}

/** The current request's shell data (cached per request), or null when signed out. */
export const loadShell = cache(async (): Promise<ShellData | null> => {
  const viewer = await getViewer();
  if (!viewer) return null;
  return loadShellData(getDb(), viewer, new Date());
});
