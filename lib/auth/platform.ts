import { apiError } from '@/lib/http/api-error';
import { keysMatch, platformKeyRefusal } from './platform-key';

export { keysMatch };

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/** Guards a machine-API route: `Authorization: Bearer $PLATFORM_API_KEY`, else 401 JSON. */
export function withPlatformKey<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const refusal = platformKeyRefusal(request.headers.get('authorization'));
    if (refusal) return apiError(refusal.status, refusal.code, refusal.message);
    return handler(request, context);
  };
}
