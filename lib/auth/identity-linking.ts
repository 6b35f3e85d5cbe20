import { sessionIdOfToken, sessionTokenOf } from './session-token';
import { getDb } from '@/lib/db/client';
import type { ActorRef } from '@/lib/audit/actor';
import { loadViewer } from './viewer';

/**
 * Linking another provider to the signed-in user: `/account/identities` sets this cookie to the
 * session id (httpOnly, only sent to /api/auth, 10 minutes), then goes through that provider's
 * sign-in. The callback links the identity to the session's user instead of signing anyone in,
 * when the cookie names the very session the browser's session cookie carries.
 */
export const LINK_COOKIE = 'portal-link-identity';
export const LINK_COOKIE_MAX_AGE_SECONDS = 600;

/** Who links (the user), their session, and the account it uses (whose activity log gets the record). */
export interface LinkIntent extends ActorRef {
  sessionId: string;
  accountId: string;
}

function cookieValues(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed cookie is no intent.
    }
  }
  return out;
}

/** The link intent of a callback request: the signed-in, non-impersonating viewer whose session set the cookie; else null. */
export async function linkIntentOf(request: Request, secret: string, now: Date): Promise<LinkIntent | null> {
  const cookies = cookieValues(request.headers.get('cookie'));
  const wanted = cookies.get(LINK_COOKIE);
  if (!wanted) return null;
  const sessionToken = sessionTokenOf(cookies);
  if (!sessionToken) return null;
  const sessionId = await sessionIdOfToken(sessionToken, secret, now);
  if (!sessionId || sessionId !== wanted) return null;
  const viewer = await loadViewer(getDb(), sessionId, now);
  if (!viewer || viewer.impersonation) return null;
  return { sessionId: viewer.sessionId, userId: viewer.userId, name: viewer.name, accountId: viewer.ownAccountId };
}

/** The Set-Cookie that ends a link intent. */
export function clearLinkCookie(secure: boolean): string {
  return `${LINK_COOKIE}=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
