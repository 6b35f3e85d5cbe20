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

export interface PlatformKeyRefusal {
  status: 401 | 503;
  code: 'unauthorized' | 'not_configured';
  message: string;
}

/**
 * Checks an `Authorization` header against `Bearer $PLATFORM_API_KEY` (constant time); null when
 * it matches, else why not. Shared by the machine API router and any Next route that needs it.
 */
export function platformKeyRefusal(authorization: string | null | undefined): PlatformKeyRefusal | null {
  const expected = config().platformApiKey;
  const match = /^Bearer\s+(.+)$/i.exec((authorization ?? '').trim());
  if (!expected) return { status: 503, code: 'not_configured', message: 'PLATFORM_API_KEY is not configured' };
  if (!match || !keysMatch(match[1], expected)) {
    return { status: 401, code: 'unauthorized', message: 'A valid platform API key is required (Authorization: Bearer …)' };
  }
  return null;
}

/** Guards a machine-API route: `Authorization: Bearer $PLATFORM_API_KEY`, else 401 JSON. */
export function withPlatformKey<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const refusal = platformKeyRefusal(request.headers.get('authorization'));
    if (refusal) return apiError(refusal.status, refusal.code, refusal.message);
    return handler(request, context);
  };
}
