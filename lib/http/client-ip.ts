import { normalizeAddress } from './client-address';

/**
 * The caller's address as the portal's server resolved it (see `resolveClientAddress`): the server
 * replaces X-Forwarded-For with that one address on every request. Should a chain arrive anyway,
 * only its rightmost entry, the one nearest to us, is taken, never the client-written leftmost.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  if (!forwarded) return null;
  const entries = forwarded.split(',');
  return normalizeAddress(entries[entries.length - 1]);
}
