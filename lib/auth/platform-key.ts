import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '@/lib/config';
import { policyFor, type RouteKey } from './policy';

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
 * Checks an `Authorization` header against `Bearer $PLATFORM_API_KEY` in constant time: null when
 * it matches, else why not. The machine API router (lib/machine-api) and `withPlatformKey` share it.
 * No framework imports here: the router runs before Next.js is loaded into the request.
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

/** The table entry of a machine-API route must be `platformKey` (lib/auth/policy.ts); the router names each route's key. */
export function assertPlatformRoute(key: RouteKey): RouteKey {
  const access = policyFor(key).access.kind;
  if (access !== 'platform') throw new Error(`"${key}" is ${access} in lib/auth/policy.ts, not platform`);
  return key;
}
