import { describe, expect, it } from 'vitest';
import { isRecentSignIn, reauthParams, reauthPath, sessionClassOf, sessionEndsAt, sessionIsLive, shouldTouch } from './session-policy';

const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('session lifetimes (issue 12)', () => {
  const signedInAt = at('2026-11-30T08:00:00Z');
  const plus = (ms: number) => new Date(signedInAt.getTime() + ms);

  it('anyone holding a staff role is staff; everyone else is a customer', () => {
    expect(sessionClassOf([])).toBe('customer');
    expect(sessionClassOf(['support'])).toBe('staff');
    expect(sessionClassOf(['finance'])).toBe('staff');
    expect(sessionClassOf(['admin'])).toBe('staff');
  });

  it('a staff session ends after 30 minutes without a request', () => {
    const session = { signedInAt, lastSeenAt: plus(2 * HOUR) };
    expect(sessionIsLive(session, 'staff', plus(2 * HOUR + 30 * MIN - 1))).toBe(true);
    expect(sessionIsLive(session, 'staff', plus(2 * HOUR + 30 * MIN))).toBe(false);
    // The same idle half hour is nothing for a customer.
    expect(sessionIsLive(session, 'customer', plus(2 * HOUR + 30 * MIN))).toBe(true);
  });

  it('a staff session ends 12 hours after sign-in however busy it is', () => {
    const busy = { signedInAt, lastSeenAt: plus(12 * HOUR - MIN) };
    expect(sessionEndsAt(busy, 'staff')).toEqual(plus(12 * HOUR));
    expect(sessionIsLive(busy, 'staff', plus(12 * HOUR - 1))).toBe(true);
    expect(sessionIsLive(busy, 'staff', plus(12 * HOUR))).toBe(false);
  });

  it('a customer session ends after 7 idle days, and 30 days after sign-in at the latest', () => {
    expect(sessionEndsAt({ signedInAt, lastSeenAt: plus(DAY) }, 'customer')).toEqual(plus(8 * DAY));
    expect(sessionIsLive({ signedInAt, lastSeenAt: plus(DAY) }, 'customer', plus(8 * DAY))).toBe(false);
    expect(sessionEndsAt({ signedInAt, lastSeenAt: plus(29 * DAY) }, 'customer')).toEqual(plus(30 * DAY));
    expect(sessionIsLive({ signedInAt, lastSeenAt: plus(29 * DAY) }, 'customer', plus(30 * DAY))).toBe(false);
  });

  it('"last seen" is written at most once a minute', () => {
    expect(shouldTouch(signedInAt, plus(59_999))).toBe(false);
    expect(shouldTouch(signedInAt, plus(MIN))).toBe(true);
  });

  it('a recent sign-in is one at most 15 minutes old (and not from the future)', () => {
    expect(isRecentSignIn(signedInAt, plus(15 * MIN))).toBe(true);
    expect(isRecentSignIn(signedInAt, plus(15 * MIN + 1))).toBe(false);
    expect(isRecentSignIn(signedInAt, plus(-1))).toBe(false);
  });

  it('sends OpenID providers through a fresh login (Google through its account chooser); GitHub has no such parameter', () => {
    expect(reauthParams('oidc')).toEqual({ prompt: 'login', max_age: '0' });
    expect(reauthParams('google')).toEqual({ prompt: 'select_account', max_age: '0' });
    expect(reauthParams('demo')).toEqual({ prompt: 'login' });
    expect(reauthParams('github')).toEqual({});
    expect(reauthPath('/support/customers/A100000001?tab=x')).toBe('/reauth?callbackUrl=%2Fsupport%2Fcustomers%2FA100000001%3Ftab%3Dx');
  });
});
