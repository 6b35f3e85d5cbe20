import { isIP } from 'node:net';

/*
 * Who is calling, decided once by the portal's own server (server/portal.ts) from the TCP
 * connection and `TRUST_PROXY`, and handed to Next.js in headers the server always overwrites:
 *  - `x-forwarded-for` becomes the one resolved client address (not a chain), which
 *    `clientIp()` reads for activity records;
 *  - `x-portal-socket-address` is the address of the TCP peer itself, for loopback-only routes.
 */

/** The header carrying the TCP peer's address; the portal's server sets it on every request. */
export const SOCKET_ADDRESS_HEADER = 'x-portal-socket-address';

/**
 * The client's address. `trustProxy` is the number of reverse proxies in front of the portal:
 * each appends the address it received the request from to X-Forwarded-For, so the N-th entry
 * from the right is the one the outermost trusted proxy wrote. Everything left of it was written
 * by the client and can say anything. Without trusted proxies, or when the chain is shorter than
 * the proxies it should have passed (a request that went around them), the socket address counts.
 */
export function resolveClientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustProxy: number): string {
  const socket = normalizeAddress(socketAddress ?? '') ?? '';
  if (trustProxy <= 0 || forwardedFor === undefined) return socket;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (chain.length < trustProxy) return socket;
  return normalizeAddress(chain[chain.length - trustProxy]) ?? socket;
}

/** An IP address as text, without brackets, port or the IPv4-mapped IPv6 prefix; null if not an address. */
export function normalizeAddress(text: string): string | null {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

/** 127.0.0.0/8 and ::1 (also as IPv4-mapped IPv6). */
export function isLoopbackAddress(text: string | null | undefined): boolean {
  const address = normalizeAddress(text ?? '');
  if (!address) return false;
  return address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
}

/**
 * A caller on this machine talking to the portal directly: the TCP peer is loopback, and so is
 * the resolved client (a reverse proxy on the same host connects over loopback for everyone, but
 * then the client address it forwards is not loopback).
 */
export function isLoopbackCaller(headers: Headers): boolean {
  return isLoopbackAddress(headers.get(SOCKET_ADDRESS_HEADER)) && isLoopbackAddress(headers.get('x-forwarded-for'));
}
