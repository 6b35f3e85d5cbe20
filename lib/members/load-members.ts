import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { listOpenInvitations, type OpenInvitation } from './invitations';
import { listMembers, type MemberListEntry } from './membership';

/** Everything the members page shows, for the account in use. */
export interface MembersPageView {
  /** Owners first, then by name; `self`: the viewer. */
  members: (MemberListEntry & { self: boolean })[];
  invitations: OpenInvitation[];
}

/** The members page: the account's members and its invitations still open at `now`. */
export async function loadMembersPage(db: Db, viewer: Pick<Viewer, 'accountId' | 'userId'>, input: { now: Date }): Promise<MembersPageView> {
  const [members, invitations] = await Promise.all([listMembers(db, viewer.accountId), listOpenInvitations(db, viewer.accountId, input.now)]);
  return { members: members.map((m) => ({ ...m, self: m.userId === viewer.userId })), invitations };
}
