import type { IncomingMessage, ServerResponse } from 'node:http';
import { normalizeAddress, resolveClientAddress, SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { staticSecurityHeaders, type SecurityHeaderSettings } from '@/lib/http/security-headers';

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
export function hardenRequest(req: IncomingMessage, res: ServerResponse, options: { trustProxy: number; headers: SecurityHeaderSettings }): boolean {
  const socketAddress = req.socket.remoteAddress;
  req.headers['x-forwarded-for'] = resolveClientAddress(req.headers['x-forwarded-for'], socketAddress, options.trustProxy);
  req.headers[SOCKET_ADDRESS_HEADER] = normalizeAddress(socketAddress ?? '') ?? '';
  const pathname = (req.url ?? '/').split('?')[0];
  for (const [name, value] of Object.entries(staticSecurityHeaders(pathname, options.headers))) res.setHeader(name, value);
  if (!hasMalformedPath(pathname)) return true;
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: 'invalid_path', message: 'The request path is not valid percent-encoded UTF-8' } }));
  return false;
}
