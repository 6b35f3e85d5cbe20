import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinFront } from '../bench/drill/front';
import { freePort } from '../bench/drill/instances';
import { configFrom, sharedSecretsFrom } from '@/lib/config';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { CookieJar } from '../scripts/fuzz/sign-in';
import { createDemoIdp } from './demo-idp';
import { demoIdpAdapter, demoSigningJwks } from './demo-idp-shared';

const AUTH_SECRET = `test-${randomBytes(24).toString('base64url')}`;

describe('the demo identity provider’s signing key', () => {
  it('is the same ES256 key for one AUTH_SECRET, another for another, and it signs and verifies', () => {
    const one = demoSigningJwks(sharedSecretsFrom(AUTH_SECRET).demoSigningSeed);
    expect(demoSigningJwks(sharedSecretsFrom(AUTH_SECRET).demoSigningSeed)).toEqual(one);
    expect(demoSigningJwks(sharedSecretsFrom(`${AUTH_SECRET}x`).demoSigningSeed).keys[0].x).not.toBe(one.keys[0].x);
    expect(one.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    const privateKey = createPrivateKey({ key: one.keys[0], format: 'jwk' });
    const publicJwk = Object.fromEntries(Object.entries(one.keys[0]).filter(([name]) => name !== 'd'));
    const signature = sign('sha256', Buffer.from('payload'), privateKey);
    expect(verify('sha256', Buffer.from('payload'), createPublicKey({ key: publicJwk, format: 'jwk' }), signature)).toBe(true);
  });
});

const base64url = (b: Buffer) => b.toString('base64url');

describe.each(testDatabaseKinds())('the demo identity provider’s store on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('finds what was stored until it expires, by id, by uid and by user code; consumes, destroys and revokes by grant', async () => {
    let now = new Date('2026-03-10T08:00:00Z');
    const adapter = demoIdpAdapter(t.db, () => now);
    const sessions = adapter('Session');
    const codes = adapter('AuthorizationCode');
    const tokens = adapter('AccessToken');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'alice', exp: 1 }, 60);
    await codes.upsert('c1', { grantId: 'g1', accountId: 'alice' }, 60);
    await codes.upsert('c2', { grantId: 'g2', userCode: 'ABCD' }, 60);
    await tokens.upsert('t1', { grantId: 'g1' });

    expect(await sessions.find('s1')).toMatchObject({ uid: 'u1', accountId: 'alice' });
    expect(await sessions.findByUid('u1')).toMatchObject({ accountId: 'alice' });
    expect(await codes.find('s1')).toBeUndefined(); // another model's id
    expect(await codes.findByUserCode('ABCD')).toMatchObject({ grantId: 'g2' });

    await codes.consume('c1');
    expect(await codes.find('c1')).toMatchObject({ consumed: Math.floor(now.getTime() / 1000) });
    await sessions.upsert('s1', { uid: 'u1', accountId: 'bob' }, 60);
    expect(await sessions.find('s1')).toEqual({ uid: 'u1', accountId: 'bob' });

    await codes.revokeByGrantId('g1');
    expect(await codes.find('c1')).toBeUndefined();
    expect(await codes.find('c2')).toBeDefined();
    expect(await tokens.find('t1')).toBeDefined(); // revoked per model: the provider asks each
    await tokens.destroy('t1');
    expect(await tokens.find('t1')).toBeUndefined();

    now = new Date(now.getTime() + 61_000);
    expect(await sessions.find('s1')).toBeUndefined();
    expect(await sessions.findByUid('u1')).toBeUndefined();
  });

  it('a sign-in started at one provider process finishes at another: each request of it goes to the other one', async () => {
    const port = await freePort();
    const cfg = configFrom({
      NODE_ENV: 'test',
      DATA_DIR: path.join(mkdtempSync(path.join(os.tmpdir(), 'portal-idp-test-')), 'data'),
      AUTH_SECRET,
      APP_URL: `http://127.0.0.1:${port}`,
    } as NodeJS.ProcessEnv);
    // Two providers, as two instances have: nothing in memory in common, one database.
    const servers: Server[] = [];
    for (let i = 0; i < 2; i++) {
      const handle = createDemoIdp(cfg, t.db);
      const server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    const front = await startRoundRobinFront(
      servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`),
      port,
    );
    try {
      const jar = new CookieJar();
      const send = async (url: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', jar.header());
        const response = await fetch(new URL(url, front.url), { ...init, headers, redirect: 'manual' });
        jar.store(response);
        return response;
      };
      const redirectUri = `${cfg.appUrl}/api/auth/callback/demo`;
      const clientAuth = `Basic ${Buffer.from(`${encodeURIComponent(cfg.demoClientId)}:${encodeURIComponent(cfg.demoClientSecret)}`).toString('base64')}`;
      const redeem = (code: string, verifier: string) =>
        send(`${cfg.demoIssuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: clientAuth },
          body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
        });
      const verifier = base64url(randomBytes(32));
      const authorize = new URL(`${cfg.demoIssuer}/auth`);
      authorize.search = new URLSearchParams({
        client_id: cfg.demoClientId,
        response_type: 'code',
        scope: 'openid email profile',
        redirect_uri: redirectUri,
        state: 'state-1',
        nonce: 'nonce-1',
        prompt: 'login',
        code_challenge: base64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
      }).toString();

      const started = await send(authorize.href);
      expect(started.status).toBe(303);
      const interaction = started.headers.get('location') ?? '';
      expect(interaction).toMatch(/\/oidc\/interaction\/[\w-]+$/);
      const page = await send(interaction);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post"');
      const loggedIn = await send(`${interaction}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'roaming' }),
      });
      expect(loggedIn.status).toBe(303);
      const resumed = await send(loggedIn.headers.get('location') ?? '');
      expect(resumed.status).toBe(303);
      const callback = new URL(resumed.headers.get('location') ?? '', front.url);
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
      expect(callback.searchParams.get('state')).toBe('state-1');
      const code = callback.searchParams.get('code') ?? '';

      const tokenResponse = await redeem(code, verifier);
      expect(tokenResponse.status).toBe(200);
      const { id_token: idToken } = (await tokenResponse.json()) as { id_token: string };
      const [header, payload, signature] = idToken.split('.');
      const jwks = (await (await send(`${cfg.demoIssuer}/jwks`)).json()) as { keys: (Record<string, string> & { kid: string })[] };
      const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string; kid: string };
      expect(alg).toBe('ES256');
      const key = jwks.keys.find((k) => k.kid === kid);
      expect(key).toBeDefined();
      expect(key).not.toHaveProperty('d'); // published without its private part
      const verified = verify('sha256', Buffer.from(`${header}.${payload}`), { key: createPublicKey({ key: key ?? {}, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
      expect(verified).toBe(true);
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ sub: 'roaming', email: 'roaming@demo.test', nonce: 'nonce-1', iss: cfg.demoIssuer });

      // Round robin: every step came to the other provider than the step before it.
      expect(front.served.map((s) => s.backend)).toEqual([0, 1, 0, 1, 0, 1]);
      // The code is used up for both: redeeming it again at the other one is refused.
      expect((await redeem(code, verifier)).status).toBe(400);
    } finally {
      await front.close();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });
});
