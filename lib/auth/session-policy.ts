/*
 * How long a signed-in session lives (issue 12, "Sessions"). Staff sessions can reach every
 * customer, so they are short: 30 minutes idle, 12 hours in all. Customer sessions: 7 days idle,
 * 30 days in all. Starting a view-as-customer and issuing invoices need a sign-in within the last
 * 15 minutes. Pure functions of the session's instants and `now`; no clock is read here, and this
 * module has no server imports, so client components may use `reauthParams`.
 */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const SESSION_LIMITS = {
  staff: { idleMs: 30 * MINUTE_MS, absoluteMs: 12 * HOUR_MS },
  customer: { idleMs: 7 * DAY_MS, absoluteMs: 30 * DAY_MS },
} as const;

/** A sensitive step (view as customer, issuing invoices) needs a sign-in at most this old. */
export const RECENT_SIGN_IN_MS = 15 * MINUTE_MS;

/** `last_seen_at` is written at most this often (not on every request). */
export const TOUCH_EVERY_MS = MINUTE_MS;

export type SessionClass = keyof typeof SESSION_LIMITS;

export function sessionClassOf(roles: readonly string[]): SessionClass {
  return roles.length > 0 ? 'staff' : 'customer';
}

export interface SessionTimes {
  /** When the user signed in with the provider (the session row's creation). */
  signedInAt: Date;
  lastSeenAt: Date;
}

/** The instant the session ends by the rules above: whichever of the idle and the absolute limit comes first. */
export function sessionEndsAt(session: SessionTimes, kind: SessionClass): Date {
  const limits = SESSION_LIMITS[kind];
  return new Date(Math.min(session.signedInAt.getTime() + limits.absoluteMs, session.lastSeenAt.getTime() + limits.idleMs));
}

export function sessionIsLive(session: SessionTimes, kind: SessionClass, now: Date): boolean {
  return now.getTime() < sessionEndsAt(session, kind).getTime();
}

/** Whether this request should record "last seen" (at most once a minute). */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

export function isRecentSignIn(signedInAt: Date, now: Date): boolean {
  const age = now.getTime() - signedInAt.getTime();
  return age >= 0 && age <= RECENT_SIGN_IN_MS;
}

/**
 * Authorization parameters that make the provider ask the user again instead of answering from
 * its own session. OpenID Connect: `prompt=login` and `max_age=0`. Google takes no `prompt=login`
 * (only none/consent/select_account), so it gets the account chooser and `max_age=0`. The demo
 * IdP asks on every sign-in already (`prompt=login`); `max_age=0` is left out there, so a slow
 * login can never count as too old a second later. GitHub has neither; going through its
 * authorization again is what it offers.
 */
export function reauthParams(provider: string): Record<string, string> {
  switch (provider) {
    case 'github':
      return {};
    case 'google':
      return { prompt: 'select_account', max_age: '0' };
    case 'demo':
      return { prompt: 'login' };
    default:
      return { prompt: 'login', max_age: '0' };
  }
}

/** The page that sends the user through the provider again and back to `returnTo`. */
export function reauthPath(returnTo: string): string {
  return `/reauth?callbackUrl=${encodeURIComponent(returnTo)}`;
}
