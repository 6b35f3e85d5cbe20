import type { StaffRole } from '@/lib/db/schema';

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
 *        actions    file and export name:                      'app/(portal)/top-up/actions.ts#startTopUpAction'
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
  /** A payment provider's webhook: anyone may send, only a valid signature is acted on. */
  | { kind: 'signature' };

/** Another account's object named by the path answers 404 (a day: shows nothing of it). */
export type OwnedObject = 'invoice' | 'payment' | 'charge-day';

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
}

interface ViewerOptions {
  refuse?: string;
  /** Refused once the account is closed or terminated (read-only). */
  closed?: true;
  name?: string;
  undeclared?: true;
  owns?: OwnedObject;
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
  };
}
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
  '/account/close': customer(),
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
  '/invoices': customer(),
  '/mailbox': customer({ undeclared: true }),
  '/notices': customer(),
  '/prices': anyone,
  '/reauth': customer({ undeclared: true }),
  '/sandbox-pay/[id]': anyone,
  '/sign-in': anyone,
  '/status': anyone,
  '/support': staff('support'),
  '/support/customers/[accountId]': staff('support'),
  '/terms': customer({ undeclared: true }),
  '/terms/diff': customer({ undeclared: true }),
  '/terms/history': customer({ undeclared: true }),
  '/top-up': customer(),
  '/top-up/[paymentId]': customer({ owns: 'payment' }),
  '/welcome': customer({ undeclared: true }),

  // Route handlers
  'GET /api/activity/export': staff('finance', 'admin'),
  'GET /api/auth/[...nextauth]': anyone,
  'POST /api/auth/[...nextauth]': anyone,
  'GET /api/charges': customer(),
  'GET /api/charges/csv': customer(),
  'GET /api/finance/invoices/[id]/pdf': staff('finance'),
  'GET /api/finance/invoices/csv': staff('finance'),
  'GET /api/finance/invoices/zip': staff('finance'),
  'POST /api/internal/backup': internalToken,
  'POST /api/internal/billing': internalToken,
  'GET /api/invoices/[id]/pdf': customer({ owns: 'invoice' }),
  'GET /api/invoices/preview': customer(),
  'GET /api/payments/[paymentId]': customer({ owns: 'payment' }),
  'POST /api/payments/webhook/[provider]': providerSignature,
  'GET /api/v1/accounts': platformKey,
  'GET /api/v1/accounts/[id]': platformKey,
  'POST /api/v1/incidents': platformKey,
  'POST /api/v1/usage': platformKey,

  // Server actions
  'app/(portal)/actions.ts#saveLowBalanceThresholdAction': customer({ refuse: 'low_balance_threshold_changed' }),
  'app/(portal)/account/close/actions.ts#closeAccountAction': customer({ refuse: 'account_close' }),
  'app/(portal)/admin/accounts/actions.ts#changeStandingAction': staff('admin'),
  'app/(portal)/admin/announcements/actions.ts#publishAnnouncementAction': staff('admin'),
  'app/(portal)/admin/prices/actions.ts#schedulePrice': staff('admin'),
  'app/(portal)/admin/prices/actions.ts#scheduleTaxRule': staff('admin'),
  'app/(portal)/admin/prices/actions.ts#withdrawChange': staff('admin'),
  'app/(portal)/admin/terms/actions.ts#publishTerms': staff('admin'),
  'app/(portal)/contact/actions.ts#cancelContactChange': customer({ refuse: 'contact_cancel_change', closed: true }),
  'app/(portal)/contact/actions.ts#confirmAccuracy': customer({ refuse: 'contact_confirm_accuracy', closed: true }),
  'app/(portal)/contact/actions.ts#requestContactCode': customer({ refuse: 'contact_request_code', closed: true }),
  'app/(portal)/contact/actions.ts#savePostalAddress': customer({ refuse: 'contact_postal_address', closed: true }),
  'app/(portal)/contact/actions.ts#verifyContact': customer({ refuse: 'contact_verify', closed: true }),
  'app/(portal)/finance/actions.ts#issueCreditNoteAction': recent(staff('finance')),
  'app/(portal)/finance/actions.ts#issueInvoiceAction': recent(staff('finance')),
  'app/(portal)/finance/actions.ts#rejectInvoiceAction': staff('finance'),
  'app/(portal)/invoices/actions.ts#deleteInvoiceTitleAction': customer({ refuse: 'invoice_title_deleted', closed: true }),
  'app/(portal)/invoices/actions.ts#makeDefaultInvoiceTitle': customer({ refuse: 'invoice_title_saved', closed: true }),
  'app/(portal)/invoices/actions.ts#requestInvoiceAction': customer({ refuse: 'invoice_requested', closed: true }),
  'app/(portal)/invoices/actions.ts#saveInvoiceTitle': customer({ refuse: 'invoice_title_saved', closed: true }),
  'app/(portal)/notices/actions.ts#markAllNoticesAsRead': customer({ refuse: 'notice_mark_all_read' }),
  'app/(portal)/notices/actions.ts#markNoticeAsRead': customer({ refuse: 'notice_mark_read' }),
  'app/(portal)/support/actions.ts#endViewingAs': customer({ name: 'impersonation_end', undeclared: true }),
  'app/(portal)/support/actions.ts#startViewingAs': recent(staff('support')),
  'app/(portal)/terms/actions.ts#recordTermsContinuedUse': customer({ refuse: 'terms_continued_use', undeclared: true }),
  'app/(portal)/terms/actions.ts#acknowledgeTerms': customer({ refuse: 'terms_acknowledge', undeclared: true }),
  'app/(portal)/top-up/actions.ts#startTopUpAction': customer({ refuse: 'top_up', closed: true }),
  'app/(portal)/welcome/actions.ts#declare': customer({ refuse: 'terms_declaration', undeclared: true }),
  'app/sandbox-pay/[id]/actions.ts#answerSandboxChallengeAction': anyone,
  'app/sandbox-pay/[id]/actions.ts#paySandboxCheckout': anyone,
  'lib/auth/session-actions.ts#signOutOtherSessions': customer({ refuse: 'sign_out_other_sessions', undeclared: true }),
  'lib/i18n/actions.ts#setLocale': anyone,
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
