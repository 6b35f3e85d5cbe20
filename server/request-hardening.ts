import type { IncomingMessage, ServerResponse } from 'node:http';
import { normalizeAddress, resolveClientAddress, SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import type { SecurityHeaders } from '@/lib/http/security-headers';

/** A path with malformed percent-encoding (`/api/payments/%E0%A4%A`): no route could decode its parameters. */
export function hasMalformedPath(url: string): boolean {
  const pathname = url.split('?')[0];
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * First thing for every request the portal's server receives, whoever answers it (Next.js, the
 * demo identity provider, a router mounted in the server): decides the client's address once and
 * sets the security headers every response carries.
 *
 * The address headers are overwritten, never merged, so nothing a client sends survives:
 * `x-forwarded-for` becomes the one resolved client address (see resolveClientAddress) and
 * `x-portal-socket-address` the TCP peer's.
 *
 * Answers a request whose path can't be decoded with 400 itself (Next.js would fail with a 500
 * decoding the route's parameters) and returns false then: the caller must not route it further.
 */
export function hardenRequest(req: IncomingMessage, res: ServerResponse, options: { trustProxy: number; headers: SecurityHeaders }): boolean {
  const socketAddress = req.socket.remoteAddress;
  req.headers['x-forwarded-for'] = resolveClientAddress(req.headers['x-forwarded-for'], socketAddress, options.trustProxy);
  req.headers[SOCKET_ADDRESS_HEADER] = normalizeAddress(socketAddress ?? '') ?? '';
  const pathname = (req.url ?? '/').split('?')[0];
  const headers = options.headers.forPath(pathname);
  for (const name in headers) res.setHeader(name, headers[name]);
  if (!hasMalformedPath(pathname)) return true;
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: 'invalid_path', message: 'The request path is not valid percent-encoded UTF-8' } }));
  return false;
}

/**
 * A request on its way to Next.js: unless it is for a build file, it may render a page, so it gets
 * the page CSP with a fresh nonce, on the response and on the request (Next.js reads the nonce
 * there and puts it on its scripts), and `x-pathname`, the requested path and query, for server
 * components (sign-in return, impersonation records). Both request headers are overwritten:
 * nothing a client sends under these names survives.
 */
export function prepareForNext(req: IncomingMessage, res: ServerResponse, headers: SecurityHeaders): void {
  const url = req.url ?? '/';
  if (url.startsWith('/_next/') || url === '/favicon.ico') return;
  const { csp } = headers.page();
  req.headers['content-security-policy'] = csp;
  delete req.headers['content-security-policy-report-only'];
  req.headers['x-pathname'] = url;
  res.setHeader('content-security-policy', csp);
}
