import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { getClosingSummary } from './account-standing';

/** Everything the close-account page shows, for the account shown. */
export interface CloseAccountView {
  /** The account is closed or terminated already (since then): nothing more to close. */
  ended: { state: 'closed' | 'terminated'; since: Date } | null;
  /** Kept, not refundable. */
  balanceFen: bigint;
  /** Owed first: closing waits until it is paid (0 when nothing is owed). */
  arrearsFen: bigint;
}

export async function loadCloseAccountPage(db: Db, viewer: Pick<Viewer, 'accountId'>): Promise<CloseAccountView> {
  const { standing, balanceFen, arrearsFen } = await getClosingSummary(db, viewer.accountId);
  const ended = standing?.state === 'closed' || standing?.state === 'terminated' ? { state: standing.state, since: standing.since } : null;
  return { ended, balanceFen, arrearsFen };
}
