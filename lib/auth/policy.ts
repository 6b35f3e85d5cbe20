import type { MemberRole, StaffRole } from '@/lib/db/schema';

/*
 * Who may call what: one entry for every page, route handler and server action, and the guard
 * (lib/auth/guard.ts, lib/auth/platform.ts) takes its decision from here and nowhere else. Each
 * page, route and action names its own key; `policy-table.test.ts` walks app/ and lib/ and fails
 * for anything without an entry (or an entry whose file is gone, or a file that doesn't go
 * through the guard with its key), and `e2e/policy-matrix.spec.ts` runs the whole table against a
 * running server, as every kind of caller.
 *
 * Keys:  pages      by route pattern, without route groups:   '/charges/day/[day]'
 *        routes     method and pattern:                        'GET /api/invoices/[id]/pdf'
 *        actions    file and export name:                      'lib/payments/actions.ts#startTopUpAction'
 */

/** Who may call it. */
export type Access =
  /** Nobody needs to be signed in (the sign-in page, next-auth, the sandbox processor's own pages). */
  | { kind: 'anyone' }
  /** Anyone signed in, on the data of the account shown: their own, or the one support views as. */
  | { kind: 'viewer' }
  /** Signed in with at least one of these staff roles; else 403. */
  | { kind: 'staff'; roles: readonly StaffRole[] }
  /** The machine API: `Authorization: Bearer $PLATFORM_API_KEY`; else 401. */
  | { kind: 'platform' }
  /** `npm run billing` through the running server: the data folder's internal token; else 401. */
  | { kind: 'internal' }
  /** A payment provider's webhook or an SMS gateway's receipt: anyone may send, only a valid signature (or token) is acted on. */
  | { kind: 'signature' };

/** Another account's object named by the path answers 404 (a day: shows nothing of it). */
export type OwnedObject = 'invoice' | 'payment' | 'charge-day' | 'support-case';

export interface Policy {
  access: Access;
  /**
   * Moves money or changes how the customer is reached: refused while support views as the
   * customer, and the attempt is recorded in the customer's activity log under this name.
   */
  refuseWhileImpersonating?: string;
  /** Name of the action in the customer's activity log when support calls it as the customer. */
  activityName?: string;
  /** A customer may use it before the first-sign-in declaration (pages: else sent to /welcome). */
  allowUndeclared?: true;
  /** The path's parameter names an object of the account shown. */
  owns?: OwnedObject;
  /** Top-ups, invoice requests, contact changes: refused once the account is closed or terminated (read-only). */
  refuseWhenClosed?: true;
  /** Needs a sign-in within the last 15 minutes (else code `reauth_required`: through the provider again). */
  recentSignIn?: true;
  /**
   * The member roles on the account shown that may use it (else 403 / code `forbidden`); absent:
   * every member. Support viewing as the customer passes (they see what an owner sees), so every
   * action with a role requirement must also be refused while impersonating (the table test checks).
   */
  memberRoles?: readonly MemberRole[];
}

interface ViewerOptions {
  refuse?: string;
  /** Refused once the account is closed or terminated (read-only). */
  closed?: true;
  name?: string;
  undeclared?: true;
  owns?: OwnedObject;
  /** Only these member roles of the account shown (issue 17). */
  roles?: readonly MemberRole[];
}

/** Anyone signed in, on their own account (or the one support views as). */
function customer(options: ViewerOptions = {}): Policy {
  return {
    access: { kind: 'viewer' },
    ...(options.refuse ? { refuseWhileImpersonating: options.refuse, activityName: options.refuse } : {}),
    ...(options.name ? { activityName: options.name } : {}),
    ...(options.undeclared ? { allowUndeclared: true } : {}),
    ...(options.closed ? { refuseWhenClosed: true } : {}),
    ...(options.owns ? { owns: options.owns } : {}),
    ...(options.roles ? { memberRoles: options.roles } : {}),
  };
}
/** Owners only: members, closing the account. */
const OWNER = ['owner'] as const;
/** Owners and billing: top-ups, invoices and titles, contact details, the low-balance alert. */
const BILLING = ['owner', 'billing'] as const;
/** Staff holding at least one of the roles. */
const staff = (...roles: StaffRole[]): Policy => ({ access: { kind: 'staff', roles } });
/** A sensitive step: the caller must have signed in within the last 15 minutes. */
const recent = (policy: Policy): Policy => ({ ...policy, recentSignIn: true });
const anyone: Policy = { access: { kind: 'anyone' } };
const platformKey: Policy = { access: { kind: 'platform' } };
const internalToken: Policy = { access: { kind: 'internal' } };
const providerSignature: Policy = { access: { kind: 'signature' } };

/** The table. Adding a page, route or action: one line here, and the file names its key. */
export const policies = {
  // Pages
  '/': customer(),
  '/account/close': customer({ roles: OWNER }),
  '/account/identities': customer({ undeclared: true }),
  '/activity': customer(),
  '/admin/accounts': staff('admin'),
  '/admin/accounts/[accountId]': staff('admin'),
  '/admin/announcements': staff('admin'),
  '/admin/prices': staff('admin'),
  '/announcements': anyone,
  '/admin/terms': staff('admin'),
  '/charges': customer(),
  '/charges/day/[day]': customer({ owns: 'charge-day' }),
  '/contact': customer(),
  '/finance': staff('finance'),
  '/invitations/[token]': customer({ undeclared: true }),
  '/invoices': customer(),
  '/invoices/business-tax': customer(),
  '/mailbox': customer({ undeclared: true }),
  '/members': customer({ roles: OWNER }),
  '/notices': customer(),
  '/prices': anyone,
  '/reauth': customer({ undeclared: true }),
  '/sandbox-pay/[id]': anyone,
  '/sign-in': anyone,
  '/status': anyone,
  '/support': staff('support'),
  '/support/cases/[caseId]': staff('support'),
  '/support/customers/[accountId]': staff('support'),
  '/support-cases': customer(),
  '/support-cases/[caseId]': customer({ owns: 'support-case' }),
  '/support-cases/new': customer(),
  '/terms': customer({ undeclared: true }),
  '/terms/diff': customer({ undeclared: true }),
  '/terms/history': customer({ undeclared: true }),
  '/top-up': customer({ roles: BILLING }),
  '/top-up/[paymentId]': customer({ owns: 'payment', roles: BILLING }),
  '/welcome': customer({ undeclared: true }),

  // Route handlers
  'GET /api/activity/export': staff('finance', 'admin'),
  'GET /api/auth/[...nextauth]': anyone,
  'POST /api/auth/[...nextauth]': anyone,
  'GET /api/charges': customer(),
  'GET /api/charges/csv': customer(),
  'GET /api/charges/statement': customer(),
  'GET /api/finance/invoices/[id]/pdf': staff('finance'),
  'GET /api/finance/invoices/csv': staff('finance'),
  'GET /api/finance/invoices/zip': staff('finance'),
  'POST /api/internal/backup': internalToken,
  'POST /api/internal/billing': internalToken,
  'GET /api/invoices/[id]/pdf': customer({ owns: 'invoice' }),
  'GET /api/invoices/preview': customer(),
  'GET /api/payments/[paymentId]': customer({ owns: 'payment', roles: BILLING }),
  'GET /api/payments/[paymentId]/receipt': customer({ owns: 'payment', roles: BILLING }),
  'GET /api/records/zip': customer({ roles: OWNER }),
  'POST /api/payments/webhook/[provider]': providerSignature,
  'POST /api/sms/receipts/[provider]': providerSignature,
  'GET /api/v1/accounts': platformKey,
  'GET /api/v1/accounts/[id]': platformKey,
  'POST /api/v1/incidents': platformKey,
  'POST /api/v1/usage': platformKey,

  // Server actions
  'lib/accounts/actions.ts#changeStandingAction': staff('admin'),
  'lib/accounts/actions.ts#closeAccountAction': customer({ refuse: 'account_close', roles: OWNER }),
  'lib/announcements/actions.ts#publishAnnouncementAction': staff('admin'),
  'lib/auth/actions.ts#endViewingAs': customer({ name: 'impersonation_end', undeclared: true }),
  'lib/auth/actions.ts#signOutOtherSessions': customer({ refuse: 'sign_out_other_sessions', undeclared: true }),
  'lib/auth/actions.ts#startLinkingIdentityAction': customer({ refuse: 'identity_link_started', undeclared: true }),
  'lib/auth/actions.ts#startViewingAs': recent(staff('support')),
  'lib/auth/actions.ts#switchAccountAction': customer({ refuse: 'account_switch', undeclared: true }),
  'lib/auth/actions.ts#unlinkIdentityAction': customer({ refuse: 'identity_unlinked', undeclared: true }),
  'lib/catalogue/actions.ts#schedulePrice': staff('admin'),
  'lib/catalogue/actions.ts#scheduleTaxRule': staff('admin'),
  'lib/catalogue/actions.ts#withdrawChange': staff('admin'),
  'lib/contact/actions.ts#cancelContactChange': customer({ refuse: 'contact_cancel_change', closed: true, roles: BILLING }),
  'lib/contact/actions.ts#confirmAccuracy': customer({ refuse: 'contact_confirm_accuracy', closed: true, roles: BILLING }),
  'lib/contact/actions.ts#requestContactCode': customer({ refuse: 'contact_request_code', closed: true, roles: BILLING }),
  'lib/contact/actions.ts#savePostalAddress': customer({ refuse: 'contact_postal_address', closed: true, roles: BILLING }),
  'lib/contact/actions.ts#saveStatementPreference': customer({ refuse: 'contact_statement', closed: true, roles: BILLING }),
  'lib/contact/actions.ts#verifyContact': customer({ refuse: 'contact_verify', closed: true, roles: BILLING }),
  'lib/i18n/actions.ts#setLocale': anyone,
  'lib/invoices/actions.ts#deleteInvoiceTitleAction': customer({ refuse: 'invoice_title_deleted', closed: true, roles: BILLING }),
  'lib/invoices/actions.ts#issueCreditNoteAction': recent(staff('finance')),
  'lib/invoices/actions.ts#issueInvoiceAction': recent(staff('finance')),
  'lib/invoices/actions.ts#makeDefaultInvoiceTitle': customer({ refuse: 'invoice_title_saved', closed: true, roles: BILLING }),
  'lib/invoices/actions.ts#rejectInvoiceAction': staff('finance'),
  'lib/invoices/actions.ts#requestInvoiceAction': customer({ refuse: 'invoice_requested', closed: true, roles: BILLING }),
  'lib/invoices/actions.ts#saveInvoiceTitle': customer({ refuse: 'invoice_title_saved', closed: true, roles: BILLING }),
  'lib/members/actions.ts#acceptInvitationAction': customer({ refuse: 'member_invitation_accepted', undeclared: true }),
  'lib/members/actions.ts#changeMemberRoleAction': customer({ refuse: 'member_role_changed', roles: OWNER }),
  'lib/members/actions.ts#inviteMemberAction': customer({ refuse: 'member_invited', roles: OWNER }),
  'lib/members/actions.ts#removeMemberAction': customer({ refuse: 'member_removed', roles: OWNER }),
  'lib/members/actions.ts#withdrawInvitationAction': customer({ refuse: 'member_invitation_withdrawn', roles: OWNER }),
  'lib/notices/actions.ts#markAllNoticesAsRead': customer({ refuse: 'notice_mark_all_read' }),
  'lib/notices/actions.ts#markNoticeAsRead': customer({ refuse: 'notice_mark_read' }),
  'lib/overview/actions.ts#saveLowBalanceThresholdAction': customer({ refuse: 'low_balance_threshold_changed', roles: BILLING }),
  'lib/payments/actions.ts#refundTopUpAction': recent(staff('finance')),
  'lib/payments/actions.ts#startTopUpAction': customer({ refuse: 'top_up', closed: true, roles: BILLING }),
  'lib/payments/sandbox/actions.ts#answerSandboxChallengeAction': anyone,
  'lib/payments/sandbox/actions.ts#paySandboxCheckout': anyone,
  'lib/support-cases/actions.ts#answerCaseAction': staff('support'),
  'lib/support-cases/actions.ts#approveAdjustmentAction': recent(staff('finance')),
  // Asking and replying are the customer's own words: never written by support viewing as them.
  'lib/support-cases/actions.ts#askQuestionAction': customer({ refuse: 'support_case_ask', roles: BILLING }),
  'lib/support-cases/actions.ts#closeCaseAction': staff('support'),
  'lib/support-cases/actions.ts#rejectAdjustmentAction': staff('finance'),
  'lib/support-cases/actions.ts#replyToCaseAction': customer({ refuse: 'support_case_reply', roles: BILLING }),
  'lib/support-cases/actions.ts#requestAdjustmentAction': staff('support'),
  'lib/terms/actions.ts#acknowledgeTerms': customer({ refuse: 'terms_acknowledge', undeclared: true }),
  'lib/terms/actions.ts#declare': customer({ refuse: 'terms_declaration', undeclared: true, roles: OWNER }),
  'lib/terms/actions.ts#publishTerms': staff('admin'),
  'lib/terms/actions.ts#recordTermsContinuedUse': customer({ refuse: 'terms_continued_use', undeclared: true }),
  'lib/terms/actions.ts#recordTermsViewed': customer({ refuse: 'terms_view', undeclared: true }),
} as const satisfies Record<string, Policy>;

export type PolicyKey = keyof typeof policies;
/** Keys of pages: a path pattern. */
export type PageKey = Extract<PolicyKey, `/${string}`>;
/** Keys of route handlers: `METHOD /path`. */
export type RouteKey = Extract<PolicyKey, `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'} /${string}`>;
/** Keys of server actions: `file#export`. */
export type ActionKey = Extract<PolicyKey, `${string}#${string}`>;

export type PolicyKind = 'page' | 'route' | 'action';

export function policyKind(key: string): PolicyKind {
  if (key.startsWith('/')) return 'page';
  if (key.includes('#')) return 'action';
  return 'route';
}

/** The policy of a key; throws for an unknown one (a programming error, caught by the table test). */
export function policyFor(key: PolicyKey): Policy {
  const policy: Policy | undefined = (policies as Record<string, Policy>)[key];
  if (!policy) throw new Error(`No policy for "${key}" in lib/auth/policy.ts`);
  return policy;
}

/** The table as a list, for the tests that walk it. */
export function policyEntries(): Array<{ key: PolicyKey; kind: PolicyKind; policy: Policy }> {
  return (Object.keys(policies) as PolicyKey[]).map((key) => ({ key, kind: policyKind(key), policy: policies[key] }));
}
