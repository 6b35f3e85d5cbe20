import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { sessionIdOfToken, sessionTokenOf } from './session-token';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date();

describe('the session cookie’s token', () => {
  it('carries the session id while it is unexpired and signed with the portal’s secret', async () => {
    const token = await encode({ token: { sid: 'session-1', sub: 'user-1' }, secret, maxAge: 3600 });
    expect(await sessionIdOfToken(token, secret, now)).toBe('session-1');
    // Remembered, and still only for the same secret.
    expect(await sessionIdOfToken(token, secret, now)).toBe('session-1');
    expect(await sessionIdOfToken(token, 'another-secret-of-at-least-thirty-two-chars', now)).toBeNull();
  });

  it('is refused once expired, even when remembered from before', async () => {
    const token = await encode({ token: { sid: 'session-2' }, secret, maxAge: 60 });
    expect(await sessionIdOfToken(token, secret, now)).toBe('session-2');
    expect(await sessionIdOfToken(token, secret, new Date(now.getTime() + 61_000))).toBeNull();
    const expired = await encode({ token: { sid: 'session-3' }, secret, maxAge: -10 });
    expect(await sessionIdOfToken(expired, secret, now)).toBeNull();
  });

  it('a token without a session id, or not a token at all, carries none', async () => {
    expect(await sessionIdOfToken(await encode({ token: { sub: 'user-1' }, secret, maxAge: 3600 }), secret, now)).toBeNull();
    expect(await sessionIdOfToken('not-a-token', secret, now)).toBeNull();
  });

  it('is read from the secure cookie when there is one, else the plain one', () => {
    const jar = (entries: Record<string, string>) => ({ get: (name: string) => entries[name] });
    expect(sessionTokenOf(jar({ '__Secure-next-auth.session-token': 'a', 'next-auth.session-token': 'b' }))).toBe('a');
    expect(sessionTokenOf(jar({ 'next-auth.session-token': 'b' }))).toBe('b');
    expect(sessionTokenOf(jar({ other: 'c' }))).toBeUndefined();
  });
});
