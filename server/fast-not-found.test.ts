import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fillTemplate, isPlainDocumentRequest, NOT_FOUND_PROBE_PATH, requestLocale, routeMatcher, toTemplate } from './fast-not-found';

const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ url, method, headers }) as unknown as IncomingMessage;

// The shapes below are copied from a Next.js 16 build of this app (routes-manifest.json and a rendered 404).
const manifest = {
  staticRoutes: [{ regex: '^/(?:/)?$' }, { regex: '^/charges(?:/)?$' }, { regex: '^/sign\\-in(?:/)?$' }],
  dynamicRoutes: [{ regex: '^/charges/day/([^/]+?)(?:/)?$' }, { regex: '^/api/auth/(.+?)(?:/)?$' }],
};
const NONCE = 'MdBUjX1YivCLnAUStPevGQ==';
const probeState = '\\"c\\":[\\"\\",\\"__portal-not-found-template__\\"]';
const rendered =
  `<html><body><h1>Page not found</h1><script nonce="${NONCE}" src="/_next/static/chunks/a.js" async></script>` +
  `<script nonce="${NONCE}">self.__next_f.push([1,"0:{\\"P\\":null,${probeState},\\"q\\":\\"\\"}"])</script></body></html>`;
const headers = {
  'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`,
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
  'x-other': 'dropped',
};

describe('the fast 404', () => {
  it('knows the routes of the build: static and dynamic paths match, others do not', () => {
    const matches = routeMatcher(manifest);
    expect(['/', '/charges', '/sign-in', '/charges/day/2026-11-30', '/api/auth/callback/demo', '/CHARGES'].map(matches)).toEqual([true, true, true, true, true, true]);
    expect(['/no-such-page', '/charges/day', '/charges/x/y', '/sign-inx'].map(matches)).toEqual([false, false, false, false]);
  });

  it('takes only plain document requests: GET or HEAD, plain characters, no query, no trailing slash, no router headers', () => {
    expect(isPlainDocumentRequest(req('/no-such-page'))).toBe('/no-such-page');
    expect(isPlainDocumentRequest(req('/a/b.txt', {}, 'HEAD'))).toBe('/a/b.txt');
    expect(isPlainDocumentRequest(req('/no-such-page', {}, 'POST'))).toBeNull();
    expect(isPlainDocumentRequest(req('/no-such-page?x=1'))).toBeNull();
    expect(isPlainDocumentRequest(req('/no-such-page/'))).toBeNull();
    expect(isPlainDocumentRequest(req('/a//b'))).toBeNull();
    expect(isPlainDocumentRequest(req('/caf%C3%A9'))).toBeNull();
    expect(isPlainDocumentRequest(req('/a"b'))).toBeNull();
    expect(isPlainDocumentRequest(req('/_next/static/x.js'))).toBeNull();
    expect(isPlainDocumentRequest(req('/no-such-page', { rsc: '1' }))).toBeNull();
    expect(isPlainDocumentRequest(req('/no-such-page', { 'next-action': 'abc' }))).toBeNull();
    expect(isPlainDocumentRequest(req(`/${'a'.repeat(300)}`))).toBeNull();
  });

  it('knows the locale from the cookie, else from Accept-Language unless a session could hold a saved choice', () => {
    expect(requestLocale({ cookie: 'a=1; NEXT_LOCALE=zh-CN' })).toBe('zh-CN');
    expect(requestLocale({ cookie: 'NEXT_LOCALE=en; next-auth.session-token=x' })).toBe('en');
    expect(requestLocale({ 'accept-language': 'zh-TW,zh;q=0.9' })).toBe('zh-CN');
    expect(requestLocale({})).toBe('en');
    expect(requestLocale({ cookie: 'NEXT_LOCALE=fr' })).toBe('en');
    expect(requestLocale({ cookie: '__Secure-next-auth.session-token=x', 'accept-language': 'zh' })).toBeNull();
  });

  it('keeps a rendered 404 only when it has the expected shape', () => {
    expect(toTemplate(404, headers, rendered)).not.toBeNull();
    expect(toTemplate(200, headers, rendered)).toBeNull();
    expect(toTemplate(404, { ...headers, 'content-security-policy': "default-src 'self'" }, rendered)).toBeNull();
    expect(toTemplate(404, headers, rendered.replace(probeState, ''))).toBeNull();
    expect(toTemplate(404, headers, rendered + rendered)).toBeNull();
    expect(toTemplate(404, headers, rendered)?.headers).toEqual({ 'content-type': headers['content-type'], 'cache-control': headers['cache-control'] });
  });

  it('answers each request with a fresh nonce everywhere the old one stood and the requested path in the router state', () => {
    const template = toTemplate(404, headers, rendered)!;
    const page = fillTemplate(template, '/a/b-c', 'FRESHnonce123==');
    expect(page.body).not.toContain(NONCE);
    expect(page.body.match(/nonce="FRESHnonce123=="/g)).toHaveLength(2);
    expect(page.csp).toContain("'nonce-FRESHnonce123=='");
    expect(page.csp).not.toContain(NONCE);
    expect(page.body).toContain('\\"c\\":[\\"\\",\\"a\\",\\"b-c\\"]');
    expect(page.body).not.toContain(NOT_FOUND_PROBE_PATH.slice(1));
    // The template itself is untouched, for the next request.
    expect(template.body).toBe(rendered);
  });
});
