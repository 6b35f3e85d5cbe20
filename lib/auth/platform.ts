import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { apiError } from '@/lib/http/api-error';

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/** Constant-time comparison (hashing first makes the lengths equal). */
export function keysMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Guards a machine-API route: `Authorization: Bearer $PLATFORM_API_KEY`, else 401 JSON. */
export function withPlatformKey<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const expected = config().platformApiKey;
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!expected) return apiError(503, 'not_configured', 'PLATFORM_API_KEY is not configured');
    if (!match || !keysMatch(match[1], expected)) {
      return apiError(401, 'unauthorized', 'A valid platform API key is required (Authorization: Bearer …)');
    }
    return handler(request, context);
  };
}
