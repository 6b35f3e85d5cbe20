import { NextResponse, type NextRequest } from 'next/server';

/** Lets server components know the requested path (for sign-in return and impersonation records). */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: ['/((?!_next/|favicon.ico|api/v1/).*)'] };
