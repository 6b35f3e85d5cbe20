import { NextResponse, type NextRequest } from 'next/server';
import { config as portalConfig } from '@/lib/config';
import { createNonce, pageContentSecurityPolicy, providerFormOrigins } from '@/lib/http/security-headers';

/**
 * Every page gets a Content-Security-Policy with a nonce of its own: Next.js reads the nonce from
 * the request's CSP header while rendering and puts it on its scripts (pages render per request).
 * Also lets server components know the requested path (for sign-in return and impersonation records).
 * The other security headers come from the portal's server, for every response.
 */
export function proxy(request: NextRequest) {
  const cfg = portalConfig();
  const nonce = createNonce();
  const csp = pageContentSecurityPolicy(nonce, {
    appUrl: cfg.appUrl,
    formActionOrigins: providerFormOrigins(cfg),
    development: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = { matcher: ['/((?!_next/|favicon.ico|api/v1/).*)'] };
