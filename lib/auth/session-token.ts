import { decode } from 'next-auth/jwt';

/*
 * The session cookie next-auth sets at sign-in: an encrypted JWT carrying the session row's id
 * (`sid`). Every signed-in request needs that id; next-auth's `getServerSession` would derive the
 * key, decrypt, run the callbacks and re-encrypt a fresh cookie on each (which a page cannot even
 * set). A token's content never changes, so a decrypted one is remembered until it expires; whether
 * the session still holds is decided by its row (`loadViewer`), read on every request.
 */

/** The cookie's names: with the `__Secure-` prefix when the portal is served over https. */
export const SESSION_COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

const REMEMBERED_TOKENS = 10_000;
const remembered = new Map<string, { secret: string; sessionId: string; expiresAtMs: number }>();

/** The session id a session cookie's token carries, or null when it is not a valid, unexpired token signed with `secret`. */
export async function sessionIdOfToken(token: string, secret: string, now: Date): Promise<string | null> {
  const hit = remembered.get(token);
  if (hit && hit.secret === secret) return hit.expiresAtMs > now.getTime() ? hit.sessionId : null;
  const payload = await decode({ token, secret }).catch(() => null);
  if (!payload || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
  const expiresAtMs = payload.exp * 1000;
  if (expiresAtMs <= now.getTime()) return null;
  if (remembered.size >= REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value as string);
  remembered.set(token, { secret, sessionId: payload.sid, expiresAtMs });
  return payload.sid;
}

/** The session cookie's token among a request's cookies. */
export function sessionTokenOf(cookies: { get(name: string): string | undefined }): string | undefined {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}
