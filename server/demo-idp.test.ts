import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '@/lib/config';
import { createTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { createDemoIdp } from './demo-idp';

/*
 * The demo identity provider over HTTP, as the portal's next-auth client drives it: authorization
 * code with PKCE and `prompt=login`, its login form, the resume, the token endpoint. A browser keeps
 * the provider's cookies between sign-ins; so does this test's cookie jar.
 */

const CLIENT_ID = 'account-portal';
const CLIENT_SECRET = randomBytes(24).toString('base64url');

class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

describe('demo identity provider', () => {
  let server: Server;
  let base = '';
  let dataDir = '';
  let t: TestDatabase | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-idp-'));
    let handle: ReturnType<typeof createDemoIdp> = async (_req, res) => void res.writeHead(503).end();
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Its state lives in the portal's database (server/demo-idp-shared.ts), its key comes from AUTH_SECRET.
    t = await createTestDatabase('pglite');
    const cfg = configFrom({ NODE_ENV: 'test', DATA_DIR: dataDir, AUTH_SECRET: randomBytes(32).toString('base64url'), APP_URL: base } as NodeJS.ProcessEnv);
    handle = createDemoIdp({ ...cfg, demoClientId: CLIENT_ID, demoClientSecret: CLIENT_SECRET }, t.db);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const redirectUri = () => `${base}/api/auth/callback/demo`;

  async function request(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(url, base), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
    jar.take(response);
    return response;
  }

  /** One sign-in through the provider as `username`: the subject of the ID token the portal would get. */
  async function signInAs(jar: CookieJar, username: string): Promise<string> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: redirectUri(),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: randomBytes(8).toString('hex'),
      prompt: 'login',
    });
    const start = await request(jar, `/oidc/auth?${query}`);
    expect(start.status).toBe(303);
    const interaction = start.headers.get('location') ?? '';
    expect(interaction).toMatch(/\/oidc\/interaction\/[\w-]+$/);
    // The provider asks every time (prompt=login), even while its session holds someone.
    const form = await request(jar, interaction);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="username"');
    const login = await request(jar, `${interaction}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username }).toString() });
    expect(login.status).toBe(303);
    const resume = await request(jar, login.headers.get('location') ?? '');
    // Straight back to the portal with a code (not a page that would first have to log someone out).
    expect(resume.status, await resume.clone().text()).toBe(303);
    const callback = new URL(resume.headers.get('location') ?? '', base);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri());
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();
    const token = await fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri(), code_verifier: verifier }).toString(),
    });
    expect(token.status).toBe(200);
    const { id_token: idToken } = (await token.json()) as { id_token: string };
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8')) as { sub: string; email: string; email_verified: boolean };
    expect(claims).toMatchObject({ email: `${claims.sub}@demo.test`, email_verified: true });
    return claims.sub;
  }

  it('signs in another user in the same browser while its session holds the first (linking a second identity), and the first again after', async () => {
    const jar = new CookieJar();
    expect(await signInAs(jar, 'first-user')).toBe('first-user');
    expect(await signInAs(jar, 'second-user')).toBe('second-user');
    expect(await signInAs(jar, 'second-user')).toBe('second-user');
    expect(await signInAs(jar, 'first-user')).toBe('first-user');
  });
});
