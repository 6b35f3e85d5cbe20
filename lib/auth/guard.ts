import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { isAccountReadOnly } from '@/lib/accounts/account-standing';
import { recordActivity } from '@/lib/audit/record-activity';
import { DomainError, type ErrorParams } from '@/lib/errors';
import { apiError, domainErrorResponse } from '@/lib/http/api-error';
import { clientIp } from '@/lib/http/client-ip';
import { formatCny } from '@/lib/money';
import type { Actor } from '@/lib/audit/actor';
import { policyFor, type Access, type ActionKey, type PageKey, type Policy, type PolicyKey, type RouteKey } from './policy';
import { isRecentSignIn } from './session-policy';
import { getViewer, type Viewer } from './viewer';

/*
 * Who may do what, in one place: every page, route and action names its key in the policy table
 * (lib/auth/policy.ts) and the guard takes its decision from that entry: pages call requireViewer
 * (or openToAnyone), server actions are made with viewerAction, browser JSON routes with
 * viewerRoute (or publicRoute), machine routes with withPlatformKey (lib/auth/platform.ts).
 */

export interface ActionOptions<S extends z.ZodType> {
  /** The action's key in the policy table: `file#export`. */
  policy: ActionKey;
  schema: S;
}

export interface ActionFailure {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
}

export type ActionResult<R> = { ok: true; data: R } | { ok: false; error: ActionFailure };

/**
 * A DomainError (lib/errors.ts) as the caller sees it, in their language: the one place a refusal
 * becomes a message (actions answer it as `{ ok: false, error }`, routes as an HTTP error).
 */
export async function describeDomainError(error: DomainError): Promise<ActionFailure> {
  let message = error.message;
  if (error.messageKey) {
    const t = await getTranslations();
    const params: Record<string, string | number> = {};
    const values = Object.values(error.params as ErrorParams);
    const locale = values.some((v) => typeof v === 'bigint') ? await getLocale() : null;
    // A moment is shown as its time of day (hh:mm) in the portal's time zone (lib/i18n/request.ts).
    const format = values.some((v) => v instanceof Date) ? await getFormatter() : null;
    for (const [name, value] of Object.entries(error.params as ErrorParams)) {
      params[name] = typeof value === 'bigint' ? formatCny(value, locale ?? 'en') : value instanceof Date ? format!.dateTime(value, { hour: '2-digit', minute: '2-digit' }) : value;
    }
    message = t(error.messageKey as never, params as never);
  }
  const fieldErrors = error.fieldErrors ?? (error.field ? { [error.field]: message } : undefined);
  return { code: error.code, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** The entry of a key whose callers must be signed in; any other entry is a programming error. */
function signedInPolicy(key: PageKey | ActionKey | RouteKey): Policy {
  const policy = policyFor(key);
  if (policy.access.kind !== 'viewer' && policy.access.kind !== 'staff') {
    throw new Error(`"${key}" is ${policy.access.kind} in lib/auth/policy.ts: it does not go through the viewer guard`);
  }
  return policy;
}

function assertAccess(key: PolicyKey, ...kinds: Access['kind'][]): void {
  const policy = policyFor(key);
  if (!kinds.includes(policy.access.kind)) throw new Error(`"${key}" is ${policy.access.kind} in lib/auth/policy.ts, not ${kinds.join(' or ')}`);
}

async function requestPath(): Promise<string> {
  return (await headers()).get('x-pathname') ?? '/';
}

async function requestInfo() {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') };
}

/**
 * The role rules of an entry: a staff entry needs one of its staff roles; a customer entry with
 * member roles needs the viewer's role on the account shown to be one of them. Support viewing as
 * a customer sees what an owner sees (what would change the account is refused while impersonating).
 */
export function hasRole(viewer: Pick<Viewer, 'roles' | 'memberRole' | 'impersonation'>, policy: Policy): boolean {
  if (policy.access.kind === 'staff') return policy.access.roles.some((role) => viewer.roles.includes(role));
  if (policy.memberRoles && !viewer.impersonation) return viewer.memberRole !== null && policy.memberRoles.includes(viewer.memberRole);
  return true;
}

/**
 * Whether the viewer's roles open a page or may call an action: for links and forms, so nobody is
 * offered a page that answers 403 or a form whose action refuses them.
 */
export function mayOpen(viewer: Pick<Viewer, 'roles' | 'memberRole' | 'impersonation'>, key: PageKey | ActionKey): boolean {
  return hasRole(viewer, signedInPolicy(key));
}

function isStaffOnly(policy: Policy): boolean {
  return policy.access.kind === 'staff';
}

/** Records what a staff member saw or tried while viewing as a customer. */
async function recordImpersonated(viewer: Viewer, kind: string, details: Record<string, unknown>): Promise<void> {
  if (!viewer.impersonation) return;
  const info = await requestInfo();
  await recordActivity(getDb(), {
    accountId: viewer.impersonation.accountId,
    actorUserId: viewer.userId,
    actorName: viewer.name,
    kind,
    ...info,
    // startedAt names the support session, so the customer's activity page can group its records.
    details: { ...details, reason: viewer.impersonation.reason, startedAt: viewer.impersonation.startedAt.toISOString() },
    impersonation: true,
    at: new Date(),
  });
}

/** Every signed-in page: signed in (else to sign-in and back), right role (else 403), declared (else /welcome). */
export async function requireViewer(key: PageKey): Promise<Viewer> {
  const policy = signedInPolicy(key);
  const viewer = await getViewer();
  const path = await requestPath();
  if (!viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (!hasRole(viewer, policy)) forbidden();
  if (!isStaffOnly(policy) && !policy.allowUndeclared && !viewer.declared && !viewer.impersonation) redirect('/welcome');
  // Staff pages (support search, finance) are not the customer's pages: they would leak other customers into this one's log.
  if (viewer.impersonation && !isStaffOnly(policy)) await recordImpersonated(viewer, 'impersonated_page_view', { path });
  return viewer;
}

/** Pages and actions open to anyone (the table says so): nothing to check, but the key is named. */
export function openToAnyone(key: PageKey | ActionKey): void {
  assertAccess(key, 'anyone');
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Every server action: session, role, impersonation rule and zod parse, written once. The handler
 * gets the parsed input, the viewer and the actor (lib/audit/actor.ts: who acts, from where); a
 * DomainError it throws is answered as `{ ok: false, error }`.
 */
export function viewerAction<S extends z.ZodType, R>(
  options: ActionOptions<S>,
  handler: (input: z.infer<S>, viewer: Viewer, actor: Actor) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  const policy = signedInPolicy(options.policy);
  const name = policy.activityName ?? 'action';
  return async (input) => {
    const t = await getTranslations('common');
    const viewer = await getViewer();
    if (!viewer) return { ok: false, error: { code: 'unauthenticated', message: t('errors.signedOut') } };
    if (!hasRole(viewer, policy)) return { ok: false, error: { code: 'forbidden', message: t('errors.forbidden') } };
    const refusal = sessionRefusal(viewer, policy);
    if (refusal) return { ok: false, error: { code: refusal, message: await sessionRefusalMessage(refusal) } };
    if (policy.refuseWhileImpersonating && viewer.impersonation) {
      await recordImpersonated(viewer, 'impersonated_action_refused', { action: name });
      return { ok: false, error: { code: 'impersonating', message: t('errors.impersonating') } };
    }
    if (policy.refuseWhenClosed && (await isAccountReadOnly(getDb(), viewer.accountId))) {
      return { ok: false, error: { code: 'account_closed', message: (await getTranslations('account'))('readOnly.refused') } };
    }
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid', message: t('errors.invalid'), fieldErrors: fieldErrorsOf(parsed.error) } };
    }
    if (viewer.impersonation && !isStaffOnly(policy)) await recordImpersonated(viewer, 'impersonated_action', { action: name });
    try {
      return { ok: true, data: await handler(parsed.data, viewer, actorFor(viewer, await requestInfo())) };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: await describeDomainError(error) };
      throw error;
    }
  };
}

export interface RouteOptions {
  /** The route's key in the policy table: `METHOD /pattern`. */
  policy: RouteKey;
}

/**
 * The session checks of actions and routes after the role: an undeclared customer may call only
 * what is allowed before the declaration (pages send them to /welcome; a hand-made call is
 * refused here), and a sensitive step needs a recent sign-in.
 */
export function sessionRefusal(
  viewer: Pick<Viewer, 'declared' | 'impersonation' | 'signedInAt'>,
  policy: Policy,
  now: Date = new Date(),
): 'undeclared' | 'reauth_required' | null {
  if (!isStaffOnly(policy) && !policy.allowUndeclared && !viewer.declared && !viewer.impersonation) return 'undeclared';
  if (policy.recentSignIn && !isRecentSignIn(viewer.signedInAt, now)) return 'reauth_required';
  return null;
}

async function sessionRefusalMessage(refusal: 'undeclared' | 'reauth_required'): Promise<string> {
  const t = await getTranslations('session');
  return refusal === 'undeclared' ? t('errors.undeclared') : t('errors.reauthRequired');
}

/** Every browser JSON route: 401 when signed out, 403 for the wrong role or while impersonating. */
export function viewerRoute<C>(options: RouteOptions, handler: (request: Request, viewer: Viewer, context: C) => Promise<Response>) {
  const policy = signedInPolicy(options.policy);
  return async (request: Request, context: C): Promise<Response> => {
    const viewer = await getViewer();
    if (!viewer) return apiError(401, 'unauthenticated', 'Sign in first');
    if (!hasRole(viewer, policy)) return apiError(403, 'forbidden', 'You are not allowed to do this');
    const refusal = sessionRefusal(viewer, policy);
    if (refusal) return apiError(403, refusal, await sessionRefusalMessage(refusal));
    if (policy.refuseWhileImpersonating && viewer.impersonation) {
      await recordImpersonated(viewer, 'impersonated_action_refused', { action: policy.activityName ?? new URL(request.url).pathname });
      const t = await getTranslations('common');
      return apiError(403, 'impersonating', t('errors.impersonating'));
    }
    if (policy.refuseWhenClosed && (await isAccountReadOnly(getDb(), viewer.accountId))) {
      return apiError(403, 'account_closed', (await getTranslations('account'))('readOnly.refused'));
    }
    if (viewer.impersonation && !isStaffOnly(policy)) await recordImpersonated(viewer, 'impersonated_request', { path: new URL(request.url).pathname });
    try {
      return await handler(request, viewer, context);
    } catch (error) {
      if (error instanceof DomainError) return domainErrorResponse(error.status, await describeDomainError(error));
      throw error;
    }
  };
}

/** Routes anyone may call (next-auth, signed provider webhooks): the key is named, the handler decides. */
export function publicRoute<C>(key: RouteKey, handler: (request: Request, context: C) => Promise<Response>) {
  assertAccess(key, 'anyone', 'signature');
  return handler;
}

/** The actor of a signed-in request. */
export function actorFor(viewer: Viewer, request: { ip: string | null; userAgent: string | null }): Actor {
  return {
    userId: viewer.userId,
    name: viewer.name,
    accountId: viewer.accountId,
    ownAccountId: viewer.ownAccountId,
    sessionId: viewer.sessionId,
    staffRoles: viewer.roles,
    memberRole: viewer.memberRole,
    ip: request.ip,
    userAgent: request.userAgent,
    impersonation: viewer.impersonation ? { accountId: viewer.impersonation.accountId, reason: viewer.impersonation.reason, startedAt: viewer.impersonation.startedAt } : null,
  };
}
