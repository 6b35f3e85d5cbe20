import { describe, expect, it } from 'vitest';
import { createNonce, isPaymentPath, pageContentSecurityPolicy, providerFormOrigins, staticSecurityHeaders } from './security-headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('security headers', () => {
  it('every response: nosniff, no framing, a restrictive permissions policy and a CSP where nothing runs', () => {
    const h = staticSecurityHeaders('/api/charges', { appUrl: 'http://localhost:3000' });
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['permissions-policy']).toContain('payment=()');
    const csp = directives(h['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('HSTS only when the portal is served over https', () => {
    expect(staticSecurityHeaders('/', { appUrl: 'http://localhost:3000' })['strict-transport-security']).toBeUndefined();
    expect(staticSecurityHeaders('/', { appUrl: 'https://portal.example.com' })['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });

  it('payment pages send no referrer', () => {
    for (const p of ['/top-up', '/top-up/pay_123', '/sandbox-pay/chk_1']) {
      expect(isPaymentPath(p)).toBe(true);
      expect(staticSecurityHeaders(p, { appUrl: 'http://localhost:3000' })['referrer-policy']).toBe('no-referrer');
    }
    for (const p of ['/', '/top-ups', '/charges', '/api/payments/x']) expect(isPaymentPath(p)).toBe(false);
  });

  it("pages: scripts only with this request's nonce, no plugins, no base, no framing, forms to the providers", () => {
    const nonce = createNonce();
    const csp = directives(
      pageContentSecurityPolicy(nonce, {
        appUrl: 'https://portal.example.com',
        formActionOrigins: providerFormOrigins({ providers: { github: {}, google: null, oidc: { issuer: 'https://id.example.com/realms/x' } }, stripe: {} }),
      }),
    );
    expect(csp.get('script-src')).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://portal.example.com', 'https://github.com', 'https://id.example.com', 'https://checkout.stripe.com']);
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
  });

  it('allows eval only on the development server', () => {
    expect(pageContentSecurityPolicy('n', { appUrl: 'http://localhost:3000' })).not.toContain('unsafe-eval');
    expect(pageContentSecurityPolicy('n', { appUrl: 'http://localhost:3000', development: true })).toContain("'unsafe-eval'");
  });

  it('nonces are fresh and long enough to be unguessable', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
