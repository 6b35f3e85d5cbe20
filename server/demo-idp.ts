import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_IDP_SIGNING_ALG, type PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { demoIdpAdapter, demoSigningJwks } from './demo-idp-shared';

/**
 * The demo identity provider: a real OpenID Connect provider (authorization code + PKCE) mounted
 * at /oidc, used when no third-party provider is configured. Any username signs in as
 * `<username>@demo.test`. Its key and its state are shared by every instance (./demo-idp-shared.ts).
 */
export const DEMO_IDP_MOUNT = '/oidc';
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string, username = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Demo ID — Sign in</title>
<style>
 body{font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
 main{background:#fff;padding:2rem;border-radius:12px;box-shadow:0 1px 3px #0002;width:min(22rem,90vw)}
 h1{font-size:1.25rem;margin:0 0 .25rem} p{color:#475569;font-size:.9rem}
 label{display:block;font-weight:600;margin:1rem 0 .25rem} input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #94a3b8;border-radius:8px;font-size:1rem}
 button{margin-top:1rem;width:100%;padding:.6rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font-size:1rem;cursor:pointer}
 button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
 .error{color:#b91c1c} @media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}main{background:#1e293b}p{color:#cbd5e1}}
</style></head>
<body><main>
<h1>Demo ID</h1>
<p>A demonstration identity provider. Any username signs in as <em>username</em>@demo.test. 演示身份提供方：任意用户名均可登录。</p>
<form method="post" action="${DEMO_IDP_MOUNT}/interaction/${escapeHtml(uid)}/login">
 <label for="username">Username</label>
 <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(username)}"
  ${error ? 'aria-invalid="true" aria-describedby="username-error"' : ''}>
 ${error ? `<p id="username-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}
 <button type="submit">Sign in</button>
</form>
</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * Someone else signs in while the provider's session holds another user (linking a second demo
 * identity from /account/identities, or a different user in the same browser): end that session
 * first. Left to oidc-provider, the resume (`/oidc/auth/<uid>`) would end it itself by answering
 * 200 with a form that logs out and comes back, submitted by an inline script; the CSP of every
 * response here (`default-src 'none'`, no `script-src` for the provider to add the script's hash
 * to) stops that script, and the browser stayed on the blank page. Ended here, the resume finds no
 * session and logs the new user into a fresh one, with no grant of the previous user.
 */
async function endOtherAccountsSession(provider: Provider, interaction: Interaction, accountId: string): Promise<void> {
  const previous = interaction.session;
  if (!previous || previous.accountId === accountId) return;
  const session = previous.cookie ? await provider.Session.find(previous.cookie) : undefined;
  await session?.destroy();
  // The interaction no longer belongs to that session (the resume would refuse a mismatch).
  interaction.session = undefined;
  await interaction.persist();
}

export function createDemoIdp(cfg: PortalConfig, db: Db) {
  const configuration: Configuration = {
    clients: [
      {
        client_id: cfg.demoClientId,
        client_secret: cfg.demoClientSecret,
        redirect_uris: [`${cfg.appUrl}/api/auth/callback/demo`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: DEMO_IDP_SIGNING_ALG,
      },
    ],
    jwks: demoSigningJwks(cfg.demoSigningSeed) as Configuration['jwks'],
    adapter: demoIdpAdapter(db),
    cookies: { keys: cfg.oidcCookieKeys },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'email', 'profile'],
    conformIdTokenClaims: false,
    // Short lives: the portal keeps its own session; the provider only needs to finish a sign-in.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${DEMO_IDP_MOUNT}/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@demo.test`, email_verified: true, name: sub, preferred_username: sub };
        },
      };
    },
    // The portal is the demo provider's only, first-party client: consent is implied.
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) {
        const found = await ctx.oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo ID — error</title></head><body><main><h1>Sign-in error</h1><p>${escapeHtml(
        String(out.error_description ?? out.error),
      )}</p><p><a href="${cfg.appUrl}/sign-in">Back to the portal</a></p></main></body></html>`;
    },
  };
  const provider = new Provider(cfg.demoIssuer, configuration);
  provider.on('server_error', (_ctx, error) => console.error('[demo-idp]', error.message));
  const callback = provider.callback();

  /** Handles a request under /oidc; the caller has checked the prefix. */
  return async function handleDemoIdp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const interaction = /^\/oidc\/interaction\/([\w-]+)(\/login)?(?:\?.*)?$/.exec(url);
    if (interaction) {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== interaction[1]) throw new Error('interaction mismatch');
        if (!interaction[2] && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(loginPage(details.uid));
          return;
        }
        if (interaction[2] && req.method === 'POST') {
          const username = (await readForm(req)).get('username')?.trim().toLowerCase() ?? '';
          if (!USERNAME.test(username)) {
            res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
            res.end(loginPage(details.uid, 'Use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.', username));
            return;
          }
          await endOtherAccountsSession(provider, details, username);
          await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
          return;
        }
        res.writeHead(405).end();
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo ID</title></head><body><main><h1>This sign-in has expired</h1><p>${escapeHtml(
            (error as Error).message,
          )}</p><p><a href="${cfg.appUrl}/sign-in">Start again</a></p></main></body></html>`,
        );
      }
      return;
    }
    // Let oidc-provider see the path below its mount point, and the mount point via originalUrl.
    const request = req as IncomingMessage & { originalUrl?: string };
    request.originalUrl = url;
    req.url = url.slice(DEMO_IDP_MOUNT.length) || '/';
    await callback(req, res);
  };
}
