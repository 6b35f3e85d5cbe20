import { and, eq, isNotNull, lte, or, sql } from 'drizzle-orm';
import { memberRoleOf } from '@/lib/members/membership';
import type { Db } from '@/lib/db/client';
import { authSessions, customerAccounts, users } from '@/lib/db/schema';
import { recordActivity } from '@/lib/audit/record-activity';
import { createNotice } from '@/lib/notices/create-notice';
import { DomainError } from '@/lib/errors';
import { activityActor, type ActorRef } from '@/lib/audit/actor';
import type { Impersonation } from './viewer';

/*
 * Support impersonation (DESIGN: "Support impersonation"). It lives on the staff member's own
 * server-side session row, so it ends with that session and can't be forged by the browser.
 * Starting needs a reason; it lasts 30 minutes at most; its start and end are activity records of
 * the customer's account and the customer gets a `support_access` notice.
 */

export const IMPERSONATION_MAX_MS = 30 * 60 * 1000;
export const IMPERSONATION_REASON_MAX_LENGTH = 500;
/** A free-text reason must say at least this much; a ticket reference may be shorter. */
export const IMPERSONATION_REASON_MIN_TEXT_LENGTH = 10;

/** `#4711`, `T-4711`, `TICKET4711`, `SR-2026-0042`: a ticket reference is enough on its own. */
const TICKET_REFERENCE = /^(#\d{1,12}|[A-Za-z]{1,12}(-?\d{1,12}){1,3})$/;

export type ImpersonationErrorCode = 'reason_missing' | 'reason_too_short' | 'reason_too_long' | 'unknown_account' | 'own_account' | 'session_gone';

const REASON_CODES: readonly ImpersonationErrorCode[] = ['reason_missing', 'reason_too_short', 'reason_too_long'];

/** A refused view-as-customer; its message is `support.errors.<code>`, next to the reason when it is about the reason. */
export class ImpersonationError extends DomainError<ImpersonationErrorCode> {
  constructor(code: ImpersonationErrorCode) {
    super(code, `impersonation refused: ${code}`, { messageKey: `support.errors.${code}`, field: REASON_CODES.includes(code) ? 'reason' : undefined });
  }
}

export type ReasonCheck = { ok: true; reason: string } | { ok: false; code: 'reason_missing' | 'reason_too_short' | 'reason_too_long' };

/** A ticket reference, or a description of at least 10 characters; whitespace is collapsed. */
export function checkImpersonationReason(raw: string): ReasonCheck {
  const reason = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!reason) return { ok: false, code: 'reason_missing' };
  if (reason.length > IMPERSONATION_REASON_MAX_LENGTH) return { ok: false, code: 'reason_too_long' };
  if (TICKET_REFERENCE.test(reason)) return { ok: true, reason };
  if ([...reason].length < IMPERSONATION_REASON_MIN_TEXT_LENGTH || !/[\p{L}\p{N}]/u.test(reason)) return { ok: false, code: 'reason_too_short' };
  return { ok: true, reason };
}

export interface StartImpersonationInput {
  /** The staff member's own session: the impersonation is stored on it. */
  sessionId: string;
  /** The staff member, and where the request came from. */
  actor: ActorRef;
  accountId: string;
  reason: string;
  now: Date;
}

type SessionRow = typeof authSessions.$inferSelect;

export type ImpersonationEndCause = 'ended' | 'expired' | 'replaced' | 'signed_out' | 'role_revoked';

/** Clears the impersonation of a locked session row and records its end (at expiry, when it expired unseen). */
async function closeImpersonation(db: Db, session: SessionRow, now: Date, cause: ImpersonationEndCause) {
  if (!session.impersonatedAccountId) return null;
  const expiresAt = session.impersonationExpiresAt ?? now;
  const sessionEnd = session.revokedAt && session.revokedAt < session.expiresAt ? session.revokedAt : session.expiresAt;
  let endedAt = now;
  let endedBy = cause;
  if (sessionEnd <= now && sessionEnd < expiresAt) {
    endedAt = sessionEnd;
    endedBy = 'signed_out';
  } else if (expiresAt <= now) {
    endedAt = expiresAt;
    endedBy = 'expired';
  }
  await db
    .update(authSessions)
    .set({ impersonatedAccountId: null, impersonationReason: null, impersonationStartedAt: null, impersonationExpiresAt: null })
    .where(eq(authSessions.id, session.id));
  const [staff] = await db.select({ name: users.name }).from(users).where(eq(users.id, session.userId));
  const startedAt = session.impersonationStartedAt ?? endedAt;
  await recordActivity(db, {
    accountId: session.impersonatedAccountId,
    actorUserId: session.userId,
    actorName: staff?.name ?? null,
    kind: 'impersonation_end',
    details: {
      reason: session.impersonationReason ?? '',
      startedAt: startedAt.toISOString(),
      endedBy,
      seconds: Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)),
    },
    impersonation: true,
    at: endedAt,
  });
  return { accountId: session.impersonatedAccountId, endedAt, endedBy };
}

async function lockSession(db: Db, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(authSessions).where(eq(authSessions.id, sessionId)).for('update');
  return row ?? null;
}

/**
 * Starts viewing as a customer on the staff member's session, for 30 minutes at most (never past
 * the session's own end). An impersonation already open on the session is ended first.
 */
export async function startImpersonation(db: Db, input: StartImpersonationInput): Promise<Impersonation> {
  const check = checkImpersonationReason(input.reason);
  if (!check.ok) throw new ImpersonationError(check.code);
  const { now } = input;
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    if (!session || session.revokedAt || session.expiresAt <= now || session.userId !== input.actor.userId) throw new ImpersonationError('session_gone');
    const [account] = await tx.select({ id: customerAccounts.id }).from(customerAccounts).where(eq(customerAccounts.id, input.accountId));
    if (!account) throw new ImpersonationError('unknown_account');
    // Any account the staff member belongs to is theirs: they use it as a member, not as support.
    const [staff] = await tx.select({ accountId: users.accountId }).from(users).where(eq(users.id, input.actor.userId));
    if (staff?.accountId === account.id || (await memberRoleOf(tx, account.id, input.actor.userId))) throw new ImpersonationError('own_account');
    if (session.impersonatedAccountId) await closeImpersonation(tx, session, now, 'replaced');

    const limit = now.getTime() + IMPERSONATION_MAX_MS;
    const expiresAt = new Date(Math.min(limit, session.expiresAt.getTime()));
    await tx
      .update(authSessions)
      .set({ impersonatedAccountId: account.id, impersonationReason: check.reason, impersonationStartedAt: now, impersonationExpiresAt: expiresAt })
      .where(eq(authSessions.id, session.id));
    await recordActivity(tx, {
      accountId: account.id,
      ...activityActor(input.actor),
      kind: 'impersonation_start',
      details: { reason: check.reason, startedAt: now.toISOString(), expiresAt: expiresAt.toISOString() },
      impersonation: true,
      at: now,
    });
    await createNotice(tx, {
      accountId: account.id,
      kind: 'support_access',
      params: { reason: check.reason },
      dedupeKey: `support_access:${session.id}:${now.toISOString()}`,
      now,
    });
    return { accountId: account.id, reason: check.reason, startedAt: now, expiresAt };
  });
}

export interface EndedImpersonation {
  accountId: string;
  endedAt: Date;
  endedBy: ImpersonationEndCause;
}

/**
 * Ends the impersonation on a session (the banner's End button, or lazily once it has expired).
 * Returns null when there was none. Safe to call twice: the second call finds nothing to end.
 */
export async function endImpersonation(db: Db, input: { sessionId: string; now: Date; cause?: ImpersonationEndCause }): Promise<EndedImpersonation | null> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    if (!session) return null;
    return closeImpersonation(tx, session, input.now, input.cause ?? 'ended');
  });
}

/**
 * Records the end of impersonations nobody ended: expired ones, and those of sessions that were
 * signed out or ran out. Sessions are also closed lazily at their next request; this catches the
 * ones that never come back (run it with the billing run). Returns how many were closed.
 */
export async function closeExpiredImpersonations(db: Db, now: Date, batchSize = 500): Promise<number> {
  let closed = 0;
  for (;;) {
    const rows = await db
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(
        and(
          isNotNull(authSessions.impersonatedAccountId),
          or(lte(authSessions.impersonationExpiresAt, now), lte(authSessions.expiresAt, now), lte(authSessions.revokedAt, now)),
        ),
      )
      .orderBy(sql`${authSessions.impersonationExpiresAt} nulls first`)
      .limit(batchSize);
    for (const row of rows) {
      if (await endImpersonation(db, { sessionId: row.id, now, cause: 'expired' })) closed += 1;
    }
    if (rows.length < batchSize) return closed;
  }
}
