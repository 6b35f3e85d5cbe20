import { config } from '@/lib/config';
import { apiError } from '@/lib/http/api-error';
import { isLoopbackCaller } from '@/lib/http/client-address';
import { policyFor, type RouteKey } from './policy';
import { keysMatch, platformKeyRefusal } from './platform-key';

export { keysMatch };

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

function assertAccess(key: RouteKey, kind: 'platform' | 'internal'): void {
  const access = policyFor(key).access.kind;
  if (access !== kind) throw new Error(`"${key}" is ${access} in lib/auth/policy.ts, not ${kind}`);
}

/** Guards a machine-API route (its key in the policy table): `Authorization: Bearer $PLATFORM_API_KEY`, else 401 JSON. */
export function withPlatformKey<C>(key: RouteKey, handler: RouteHandler<C>): RouteHandler<C> {
  assertAccess(key, 'platform');
  return async (request, context) => {
    const refusal = platformKeyRefusal(request.headers.get('authorization'));
    if (refusal) return apiError(refusal.status, refusal.code, refusal.message);
    return handler(request, context);
  };
}

/** Guards an internal route (its key in the policy table): the data folder's `x-internal-token`, else 401 JSON. */
export function withInternalToken<C>(key: RouteKey, handler: RouteHandler<C>): RouteHandler<C> {
  assertAccess(key, 'internal');
  return async (request, context) => {
    // Only callers on this machine (the TCP peer the portal's server saw); anyone else: not found.
    if (!isLoopbackCaller(request.headers)) return apiError(404, 'not_found', 'Not found');
    const token = request.headers.get('x-internal-token') ?? '';
    if (!keysMatch(token, config().internalToken)) return apiError(401, 'unauthorized', 'A valid x-internal-token is required');
    return handler(request, context);
  };
}
