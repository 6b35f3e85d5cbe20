import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, newUsername, payWithCard, signIn, test } from './fixtures';

/*
 * HTTP hardening against the real server: security headers on pages, files, JSON and the demo
 * identity provider; the nonce CSP breaking nothing the portal does (sign-in, charts, the
 * sandbox card page); callback targets kept on the portal; body limits; the loopback-only route.
 * The demo customer alice is used read-only (signing in, looking at her overview): her seeded months
 * of history are what draws the spend chart; every test that changes something has its own customer.
 */

const port = Number(process.env.E2E_PORT ?? 3100);
const platform = { Authorization: 'Bearer demo-platform-key' };

function internalToken(): string {
  const dataDir = path.join(process.cwd(), `.data-e2e-${port}`);
  return (JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { internalToken: string }).internalToken;
}

/** Every CSP violation the browser reports on this page, from the moment it is registered. */
async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  return violations;
}

function directive(csp: string | undefined, name: string): string[] | undefined {
  const found = (csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found?.slice(1);
}

test.describe('HTTP hardening', () => {
  test('pages carry a fresh nonce CSP and the static headers; payment pages send no referrer', async ({ request }) => {
    const first = await request.get('/sign-in');
    const second = await request.get('/sign-in');
    const scriptSrc = directive(first.headers()['content-security-policy'], 'script-src');
    expect(scriptSrc).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{20,}'$/), "'strict-dynamic'"]);
    expect(directive(second.headers()['content-security-policy'], 'script-src')?.[0]).not.toBe(scriptSrc?.[0]);
    // Next.js put this request's nonce on its scripts.
    const nonce = scriptSrc?.[0].slice("'nonce-".length, -1);
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    for (const name of ['object-src', 'base-uri', 'frame-ancestors']) expect(directive(first.headers()['content-security-policy'], name)).toEqual(["'none'"]);
    expect(first.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' });
    expect(first.headers()['permissions-policy']).toContain('camera=()');
    // APP_URL is http here: no HSTS (it would pin a host that has no TLS).
    expect(first.headers()['strict-transport-security']).toBeUndefined();

    const topUp = await request.get('/top-up', { maxRedirects: 0 });
    expect(topUp.headers()['referrer-policy']).toBe('no-referrer');
    const sandbox = await request.get('/sandbox-pay/sbx_unknown', { maxRedirects: 0 });
    expect(sandbox.headers()['referrer-policy']).toBe('no-referrer');
  });

  test('an unknown path is the 404 page with a fresh nonce each time, and it hydrates at its own address', async ({ page, request }) => {
    // Unknown paths are answered from a 404 page rendered once per locale (server/fast-not-found.ts):
    // nothing of one answer may be replayed in the next.
    const first = await request.get('/no-such-page-a', { headers: { 'accept-language': 'en' } });
    const second = await request.get('/no-such-page-b/deeper', { headers: { 'accept-language': 'en' } });
    expect([first.status(), second.status()]).toEqual([404, 404]);
    const nonces = [first, second].map((r) => directive(r.headers()['content-security-policy'], 'script-src')?.[0].slice("'nonce-".length, -1));
    expect(nonces[0]).not.toBe(nonces[1]);
    for (const [i, r] of [first, second].entries()) {
      const body = await r.text();
      const onScripts = [...body.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(onScripts.length).toBeGreaterThan(0);
      expect(new Set(onScripts)).toEqual(new Set([nonces[i]]));
      expect(r.headers()['x-content-type-options']).toBe('nosniff');
    }
    expect(await first.text()).toContain('\\"c\\":[\\"\\",\\"no-such-page-a\\"]');
    expect(await second.text()).toContain('\\"c\\":[\\"\\",\\"no-such-page-b\\",\\"deeper\\"]');
    expect((await request.head('/no-such-page-a')).status()).toBe(404);

    // In the browser: the page runs under its CSP, stays at its address, and its language switch works.
    const violations = await collectCspViolations(page);
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: `http://localhost:${port}` }]);
    const response = await page.goto('/no-such-page-c');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/no-such-page-c');
    expect(violations).toEqual([]);
  });

  test('responses that never reach a page have the static headers and a CSP where nothing runs', async ({ request }) => {
    for (const url of ['/oidc/.well-known/openid-configuration', '/api/v1/accounts/A100000001', '/api/charges']) {
      const response = await request.get(url, { headers: url.startsWith('/api/v1') ? platform : {} });
      expect(response.headers(), url).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
      expect(response.headers()['permissions-policy'], url).toContain('geolocation=()');
      expect(directive(response.headers()['content-security-policy'], 'frame-ancestors'), url).toEqual(["'none'"]);
    }
    const oidc = await request.get('/oidc/.well-known/openid-configuration');
    expect(directive(oidc.headers()['content-security-policy'], 'default-src')).toEqual(["'none'"]);
  });

  test('sign-in, the overview chart and a sandbox card payment run under the CSP without a violation', async ({ page }) => {
    const violations = await collectCspViolations(page);
    await signIn(page, newUsername('csp'));
    await page.goto('/');
    await expect(page.getByTestId('account-id')).toBeVisible();
    await page.goto('/charges');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await payWithCard(page, '12.30');
    expect(violations).toEqual([]);
  });

  test('the seeded overview (chart) renders under the CSP without a violation', async ({ page }) => {
    const violations = await collectCspViolations(page);
    await signIn(page, 'alice');
    await page.goto('/');
    // The chart is server-drawn SVG; its 30/90-day switch is the one client part, hydrated under the same policy.
    await expect(page.getByTestId('spend-chart').first()).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('after sign-in only targets on the portal are followed', async ({ page }) => {
    await signIn(page, newUsername('callback'));
    for (const target of ['/\\evil.example', '//evil.example', 'https://evil.example/', '/.//evil.example']) {
      const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(307);
      expect(response.headers().location, target).toBe('/');
    }
    const own = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent('/charges?type=charge')}`, { maxRedirects: 0 });
    expect(own.headers().location).toBe('/charges?type=charge');
  });

  test('bad input found by hand gives 4xx, not 5xx or 200', async ({ page }) => {
    await signIn(page, newUsername('badinput'));
    const cursor = Buffer.from('2026-02-30T00:00:00.000000Z|9999999999999999999').toString('base64url');
    expect((await page.request.get(`/api/charges?cursor=${cursor}`)).status()).toBe(400);
    expect((await page.request.get('/api/payments/%E0%A4%A')).status()).toBe(400);
    expect((await page.request.get('/charges/day/xx')).status()).toBe(404);
    expect((await page.request.get('/top-up/pay_does_not_exist')).status()).toBe(404);
  });

  test('bodies over the limit are refused with 413: webhooks 64 KiB, the machine API 2 MiB, declared or streamed', async ({ request }) => {
    const webhook = await request.post('/api/payments/webhook/sandbox', { data: 'x'.repeat(64 * 1024 + 1), headers: { 'content-type': 'application/json' } });
    expect(webhook.status()).toBe(413);
    const usage = await request.post('/api/v1/usage', { headers: { ...platform, 'content-type': 'application/json' }, data: `{"events":[],"pad":"${'x'.repeat(2 * 1024 * 1024)}"}` });
    expect(usage.status()).toBe(413);
    expect(await usage.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    // Without Content-Length (chunked): counted while it streams. The client offers 64 MiB: the
    // server stops reading past 2 MiB, and loopback's socket buffers hold a few MiB at most, so a
    // client that got everything out would mean the server read it all (8 MiB could fit in buffers).
    const offered = 64 * 1024 * 1024;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= offered) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const streamed = await fetch(`http://localhost:${port}/api/v1/usage`, {
      method: 'POST',
      headers: { ...platform, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: Error) => error);
    // The server answers 413 and stops reading; the client may see the answer or, still sending, a closed connection.
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(offered);
  });

  test('/api/internal/billing answers loopback callers only, by the connection, not by headers', async ({ request }) => {
    const spoofed = await request.post('/api/internal/billing', {
      headers: { 'x-internal-token': 'wrong', 'x-forwarded-for': '203.0.113.7', 'x-portal-socket-address': '203.0.113.7' },
      data: {},
    });
    // From loopback: the route is there (and wants the token); the spoofed headers changed nothing.
    expect(spoofed.status()).toBe(401);
    const ok = await request.post('/api/internal/billing', { headers: { 'x-internal-token': internalToken() }, data: {} });
    expect(ok.status()).toBe(200);

    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    expect(external, 'this machine needs a non-loopback IPv4 address to test a remote caller').toBeDefined();
    const remote = await fetch(`http://${external?.address}:${port}/api/internal/billing`, {
      method: 'POST',
      headers: { 'x-internal-token': internalToken(), 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1', 'x-portal-socket-address': '127.0.0.1' },
      body: '{}',
    });
    expect(remote.status).toBe(404);
  });
});
