import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackCaller, resolveClientAddress, SOCKET_ADDRESS_HEADER } from './client-address';
import { clientIp } from './client-ip';

describe('client address with TRUST_PROXY', () => {
  it('without trusted proxies (unset or 0) is the socket address, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(resolveClientAddress(undefined, '198.51.100.7', 0)).toBe('198.51.100.7');
  });

  it('with one trusted proxy is the rightmost entry, the one that proxy added, never the client-written leftmost', () => {
    expect(resolveClientAddress('6.6.6.6, 203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9');
    expect(resolveClientAddress('203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9');
  });

  it('with N trusted proxies is the N-th entry from the right', () => {
    expect(resolveClientAddress('6.6.6.6, 203.0.113.9, 10.0.0.1', '10.0.0.2', 2)).toBe('203.0.113.9');
    expect(resolveClientAddress(['6.6.6.6, 203.0.113.9', '10.0.0.1'], '10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('is the socket address when the chain is shorter than the proxies it should have passed, or not an address', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.7', 2)).toBe('198.51.100.7');
    expect(resolveClientAddress('', '198.51.100.7', 1)).toBe('198.51.100.7');
    expect(resolveClientAddress(undefined, '198.51.100.7', 1)).toBe('198.51.100.7');
    expect(resolveClientAddress('6.6.6.6, unknown', '198.51.100.7', 1)).toBe('198.51.100.7');
  });

  it('normalises IPv4-mapped IPv6, brackets and ports', () => {
    expect(resolveClientAddress(undefined, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(resolveClientAddress('[2001:db8::1]:443', '::1', 1)).toBe('2001:db8::1');
    expect(resolveClientAddress('203.0.113.9:5555', '::1', 1)).toBe('203.0.113.9');
  });

  it('property: whatever the client prepends, the address the trusted proxies added is the one taken', () => {
    const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    const junk = fc.oneof(ipv4, fc.string({ maxLength: 20 }).filter((s) => !s.includes(',')));
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 5 }), ipv4, fc.array(ipv4, { maxLength: 3 }), ipv4, (forged, client, proxies, socket) => {
        const header = [...forged, client, ...proxies].join(', ');
        expect(resolveClientAddress(header, socket, proxies.length + 1)).toBe(client);
      }),
    );
  });
});

describe('clientIp (what the app reads)', () => {
  it('reads the one address the server resolved; from a chain only the rightmost entry', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIp(new Headers({ 'x-forwarded-for': 'not an address' }))).toBeNull();
    expect(clientIp(new Headers())).toBeNull();
  });
});

describe('loopback callers', () => {
  it('are 127.0.0.0/8 and ::1, also IPv4-mapped', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'localhost', '', null]) expect(isLoopbackAddress(a)).toBe(false);
  });

  it('need a loopback socket and a loopback client (a proxy on the same host forwards outsiders over loopback)', () => {
    const headers = (socket: string, client: string) => new Headers({ [SOCKET_ADDRESS_HEADER]: socket, 'x-forwarded-for': client });
    expect(isLoopbackCaller(headers('127.0.0.1', '127.0.0.1'))).toBe(true);
    expect(isLoopbackCaller(headers('::1', '::1'))).toBe(true);
    expect(isLoopbackCaller(headers('127.0.0.1', '203.0.113.9'))).toBe(false);
    expect(isLoopbackCaller(headers('192.0.2.2', '127.0.0.1'))).toBe(false);
    expect(isLoopbackCaller(new Headers({ 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
  });
});
