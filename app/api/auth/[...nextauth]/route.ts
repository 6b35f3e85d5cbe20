import NextAuth from 'next-auth';
import { publicRoute } from '@/lib/auth/guard';
import { clearLinkCookie, linkIntentOf, LINK_COOKIE } from '@/lib/auth/identity-linking';
import { authOptions } from '@/lib/auth/options';
import { config } from '@/lib/config';
import { apiError } from '@/lib/http/api-error';
import { clientIp } from '@/lib/http/client-ip';

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's own endpoints per method; anything else under /api/auth is not found (next-auth would answer 500). */
const NEXT_AUTH_ACTIONS: Record<string, ReadonlySet<string>> = {
  GET: new Set(['providers', 'session', 'csrf', 'signin', 'signout', 'callback', 'verify-request', 'error']),
  POST: new Set(['signin', 'signout', 'callback', 'session', '_log']),
};

async function handler(request: Request, context: Context) {
  const [action] = (await context.params).nextauth ?? [];
  if (!action || !NEXT_AUTH_ACTIONS[request.method]?.has(action)) return apiError(404, 'not_found', 'Not found');
  // The provider's callback of a "link another provider" (lib/auth/identity-linking.ts).
  const linking = action === 'callback' && (request.headers.get('cookie') ?? '').includes(`${LINK_COOKIE}=`);
  const linkTo = linking ? await linkIntentOf(request, config().authSecret, new Date()) : null;
  const options = authOptions({ ip: clientIp(request.headers), userAgent: request.headers.get('user-agent'), linkTo });
  const response = (await NextAuth(request as never, context as never, options)) as Response;
  if (!linking) return response;
  const headers = new Headers(response.headers);
  headers.append('set-cookie', clearLinkCookie(config().appUrl.startsWith('https://')));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export const GET = publicRoute('GET /api/auth/[...nextauth]', handler);
export const POST = publicRoute('POST /api/auth/[...nextauth]', handler);
