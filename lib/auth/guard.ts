import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { StaffRole } from '@/lib/db/schema';
import { isAccountReadOnly } from '@/lib/accounts/account-standing';
import { recordActivity } from '@/lib/audit/record-activity';
import { apiError } from '@/lib/http/api-error';
import { clientIp } from '@/lib/http/client-ip';
import { getViewer, type Viewer } from './viewer';

/*
 * Who may do what, in one place: pages call requireViewer, server actions are made with
 * viewerAction, browser JSON routes with viewerRoute, machine routes with withPlatformKey.
 */

export interface GuardOptions {
  /** Staff role the caller must hold. */
  role?: StaffRole;
  /** Staff roles of which the caller must hold at least one (e.g. `['finance', 'admin']`). */
  anyRole?: readonly StaffRole[];
  /** Pages a customer may see before the first-sign-in declaration (the terms, the declaration). */
  allowUndeclared?: boolean;
}

export interface ActionOptions<S extends z.ZodType> {
  schema: S;
  role?: StaffRole;
  anyRole?: readonly StaffRole[];
  /** Money-moving and contact-changing actions: refused while support impersonates. */
  refuseWhileImpersonating?: boolean;
  /** Top-ups, invoice requests, contact changes: refused once the account is closed or terminated (read-only). */
  refuseWhenClosed?: boolean;
  /** Name recorded in the activity log (defaults to the schema-less "action"). */
  name?: string;
}

export type ActionResult<R> =
  | { ok: true; data: R }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } };

/** An error the user caused and can fix; actions return it as `{ ok: false }` instead of a 500. */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

async function requestPath(): Promise<string> {
  return (await headers()).get('x-pathname') ?? '/';
}

async function requestInfo() {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') };
}

function hasRole(viewer: Viewer, options: { role?: StaffRole; anyRole?: readonly StaffRole[] }): boolean {
  if (options.role && !viewer.roles.includes(options.role)) return false;
  if (options.anyRole?.length && !options.anyRole.some((role) => viewer.roles.includes(role))) return false;
  return true;
}

function isStaffOnly(options: { role?: StaffRole; anyRole?: readonly StaffRole[] }): boolean {
  return Boolean(options.role || options.anyRole?.length);
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

/** Every page: signed in (else to sign-in and back), right role (else 403), declared (else /welcome). */
export async function requireViewer(options: GuardOptions = {}): Promise<Viewer> {
  const viewer = await getViewer();
  const path = await requestPath();
  if (!viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (!hasRole(viewer, options)) forbidden();
  if (!isStaffOnly(options) && !options.allowUndeclared && !viewer.declared && !viewer.impersonation) redirect('/welcome');
  // Staff pages (support search, finance) are not the customer's pages: they would leak other customers into this one's log.
  if (viewer.impersonation && !isStaffOnly(options)) await recordImpersonated(viewer, 'impersonated_page_view', { path });
  return viewer;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** Every server action: session, role, impersonation rule and zod parse, written once. */
export function viewerAction<S extends z.ZodType, R>(
  options: ActionOptions<S>,
  handler: (input: z.infer<S>, viewer: Viewer) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (input) => {
    const t = await getTranslations('common');
    const viewer = await getViewer();
    if (!viewer) return { ok: false, error: { code: 'unauthenticated', message: t('errors.signedOut') } };
    if (!hasRole(viewer, options)) return { ok: false, error: { code: 'forbidden', message: t('errors.forbidden') } };
    if (options.refuseWhileImpersonating && viewer.impersonation) {
      await recordImpersonated(viewer, 'impersonated_action_refused', { action: options.name ?? 'action' });
      return { ok: false, error: { code: 'impersonating', message: t('errors.impersonating') } };
    }
    if (options.refuseWhenClosed && (await isAccountReadOnly(getDb(), viewer.accountId))) {
      return { ok: false, error: { code: 'account_closed', message: (await getTranslations('account'))('readOnly.refused') } };
    }
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid', message: t('errors.invalid'), fieldErrors: fieldErrorsOf(parsed.error) } };
    }
    if (viewer.impersonation && !isStaffOnly(options)) await recordImpersonated(viewer, 'impersonated_action', { action: options.name ?? 'action' });
    try {
      return { ok: true, data: await handler(parsed.data, viewer) };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
      throw error;
    }
  };
}

export interface RouteOptions {
  role?: StaffRole;
  anyRole?: readonly StaffRole[];
  refuseWhileImpersonating?: boolean;
  refuseWhenClosed?: boolean;
  name?: string;
}

/** Every browser JSON route: 401 when signed out, 403 for the wrong role or while impersonating. */
export function viewerRoute<C>(options: RouteOptions, handler: (request: Request, viewer: Viewer, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const viewer = await getViewer();
    if (!viewer) return apiError(401, 'unauthenticated', 'Sign in first');
    if (!hasRole(viewer, options)) return apiError(403, 'forbidden', 'You are not allowed to do this');
    if (options.refuseWhileImpersonating && viewer.impersonation) {
      await recordImpersonated(viewer, 'impersonated_action_refused', { action: options.name ?? new URL(request.url).pathname });
      const t = await getTranslations('common');
      return apiError(403, 'impersonating', t('errors.impersonating'));
    }
    if (options.refuseWhenClosed && (await isAccountReadOnly(getDb(), viewer.accountId))) {
      return apiError(403, 'account_closed', (await getTranslations('account'))('readOnly.refused'));
    }
    if (viewer.impersonation && !isStaffOnly(options)) await recordImpersonated(viewer, 'impersonated_request', { path: new URL(request.url).pathname });
    return handler(request, viewer, context);
  };
}
