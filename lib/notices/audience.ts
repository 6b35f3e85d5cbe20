import { memberRoles, type MemberRole } from '@/lib/members/roles';
import type { NoticeKind } from './create-notice';

/** Owners and billing: money the account paid, was refunded or owes, and its documents. */
const OWNER_AND_BILLING = ['owner', 'billing'] as const satisfies readonly MemberRole[];

/**
 * Which members of an account a notice concerns (issue 17), in one place: the notice centre shows
 * a member only these, and each of them gets the email (lib/notices/enqueue-deliveries.ts).
 * Invoices, top-ups and their reversals, and the low-balance alert go to owners and billing;
 * member invitations to owners; a kind not listed (suspension, terms, outages…) to every member.
 */
const CONCERNED_ROLES: Partial<Record<NoticeKind, readonly MemberRole[]>> = {
  invoice_issued: OWNER_AND_BILLING,
  invoice_rejected: OWNER_AND_BILLING,
  payment_refunded: OWNER_AND_BILLING,
  payment_charged_back: OWNER_AND_BILLING,
  chargeback_reversed: OWNER_AND_BILLING,
  low_balance: OWNER_AND_BILLING,
  member_invited: ['owner'],
};

/** The member roles a notice of this kind goes to. */
export function rolesConcernedBy(kind: NoticeKind): readonly MemberRole[] {
  return CONCERNED_ROLES[kind] ?? memberRoles;
}

/**
 * The kinds a member with this role doesn't get. `null` (support viewing as the customer, or a
 * caller that is not a member) gets them all.
 */
export function noticeKindsHiddenFrom(role: MemberRole | null | undefined): readonly NoticeKind[] {
  if (!role) return [];
  return (Object.entries(CONCERNED_ROLES) as [NoticeKind, readonly MemberRole[]][]).filter(([, roles]) => !roles.includes(role)).map(([kind]) => kind);
}
