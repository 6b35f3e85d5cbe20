import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '@/lib/http/security-headers';
import { hardenRequest, prepareForNext } from './request-hardening';

function exchange(url: string, headers: Record<string, string> = {}) {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.method = 'GET';
  req.headers = { ...headers };
  return { req, res: new ServerResponse(req) };
}

const settings = { appUrl: 'https://portal.example.com', formActionOrigins: ['https://checkout.stripe.com'] };

describe('prepareForNext', () => {
  it('gives a page request a fresh nonce CSP on request and response, and the requested path', () => {
    const headers = securityHeaders(settings);
    const first = exchange('/charges?type=penalty', { 'content-security-policy': "script-src 'nonce-mine'", 'x-pathname': '/forged' });
    const second = exchange('/charges');
    prepareForNext(first.req, first.res, headers);
    prepareForNext(second.req, second.res, headers);
    const csp = String(first.res.getHeader('content-security-policy'));
    expect(first.req.headers['content-security-policy']).toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).not.toContain('mine');
    expect(csp).toContain('form-action \'self\' https://portal.example.com https://checkout.stripe.com');
    expect(String(second.res.getHeader('content-security-policy'))).not.toContain(nonce);
    expect(first.req.headers['x-pathname']).toBe('/charges?type=penalty');
  });

  it('leaves build files alone: they keep the fallback CSP that hardenRequest set', () => {
    const headers = securityHeaders(settings);
    const { req, res } = exchange('/_next/static/chunks/app.js');
    expect(hardenRequest(req, res, { trustProxy: 0, headers })).toBe(true);
    prepareForNext(req, res, headers);
    expect(res.getHeader('content-security-policy')).toContain("default-src 'none'");
    expect(req.headers['content-security-policy']).toBeUndefined();
  });
});

describe('hardenRequest', () => {
  it('sets the static headers of the path: no referrer at all on payment pages', () => {
    const headers = securityHeaders(settings);
    const page = exchange('/invoices');
    const payment = exchange('/top-up/abc');
    hardenRequest(page.req, page.res, { trustProxy: 0, headers });
    hardenRequest(payment.req, payment.res, { trustProxy: 0, headers });
    expect(page.res.getHeader('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(payment.res.getHeader('referrer-policy')).toBe('no-referrer');
    expect(page.res.getHeader('strict-transport-security')).toMatch(/^max-age=/);
  });

  it('answers a path that cannot be decoded with 400 and stops', () => {
    const { req, res } = exchange('/api/payments/%E0%A4%A');
    expect(hardenRequest(req, res, { trustProxy: 0, headers: securityHeaders(settings) })).toBe(false);
    expect(res.statusCode).toBe(400);
  });
});
