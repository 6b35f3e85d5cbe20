import type { MemberRole, StaffRole } from '@/lib/db/schema';

/*
 * Who acts — one type for every mutation (the pattern of documenso's `ApiRequestMetadata`): the
 * user and their roles, the account acted on, the request's origin, and the view-as-customer
 * session when support acts while viewing as the customer. `viewerAction` (lib/auth/guard.ts)
 * builds it once per call (`actorFor`) and hands it to the action; rules take the part they record
 * (`ActorRef`), never a shape of their own.
 */

export interface Actor {
  userId: string;
  /** The user's display name, as activity records and threads show it. */
  name: string;
  /** The account acted on: the one shown (while support views as a customer, the customer's). */
  accountId: string;
  /** The account the user's session uses (their own records: identities, sessions, switching). */
  ownAccountId: string;
  sessionId: string;
  staffRoles: readonly StaffRole[];
  /** The user's role on `accountId`; null while support views as the customer. */
  memberRole: MemberRole | null;
  /** The caller's address (resolved once by the server, lib/http/client-ip.ts) and browser. */
  ip: string | null;
  userAgent: string | null;
  /** Support viewing as the customer: whose account and why; null otherwise. */
  impersonation: { accountId: string; reason: string; startedAt: Date } | null;
}

/** What a rule records of who acted: the user and, when the request is known, where it came from. */
export type ActorRef = Pick<Actor, 'userId' | 'name'> & Partial<Pick<Actor, 'ip' | 'userAgent'>>;

/** The "who" columns of an activity record (lib/audit/record-activity.ts) for this actor. */
export function activityActor(actor: ActorRef): { actorUserId: string; actorName: string; ip: string | null; userAgent: string | null } {
  return { actorUserId: actor.userId, actorName: actor.name, ip: actor.ip ?? null, userAgent: actor.userAgent ?? null };
}
