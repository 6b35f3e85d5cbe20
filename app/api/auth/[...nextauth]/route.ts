import NextAuth from 'next-auth';
import { publicRoute } from '@/lib/auth/guard';
import { authOptions } from '@/lib/auth/options';
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
  const options = authOptions({ ip: clientIp(request.headers), userAgent: request.headers.get('user-agent') });
  return NextAuth(request as never, context as never, options) as Promise<Response>;
}

export const GET = publicRoute('GET /api/auth/[...nextauth]', handler);
export const POST = publicRoute('POST /api/auth/[...nextauth]', handler);
