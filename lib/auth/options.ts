import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { config, DEMO_IDP_SIGNING_ALG } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sameOriginPath } from '@/lib/http/same-origin';
import { completeSignIn, revokeSession, SESSION_MAX_AGE_SECONDS, signInRefusal } from './complete-sign-in';
import { loadGitHubProfile } from './github-profile';
import { IdentityError, identityOwner, linkIdentityToUser } from './identities';
import type { LinkIntent } from './identity-linking';

interface OidcProfile {
  sub: string;
  email?: string;
  /** Some providers send the claim as a string. */
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
}

/** What the identity rules need from a provider's profile: the email and whether the provider verified it. */
export function verifiedEmailOf(profile: unknown): { email: string | null; emailVerified: boolean; name: string | null } {
  const p = (profile ?? {}) as { email?: unknown; email_verified?: unknown; name?: unknown; preferred_username?: unknown; login?: unknown };
  const email = typeof p.email === 'string' && p.email !== '' ? p.email : null;
  const emailVerified = email !== null && (p.email_verified === true || p.email_verified === 'true');
  const name = [p.name, p.preferred_username, p.login].find((n): n is string => typeof n === 'string' && n !== '') ?? null;
  return { email, emailVerified, name };
}

/** GitHub, with the email taken from `/user/emails`: the primary one, only when verified. */
/**
 * Timeout of next-auth's requests to an identity provider (discovery, token, userinfo).
 * openid-client's default is 3.5 s: drill 4 (a flood against two instances) saw most sign-ins
 * end in `error=OAuthSignin` when discovery took longer under load.
 */
const PROVIDER_HTTP_OPTIONS = { timeout: 15_000 };

function githubProvider(clientId: string, clientSecret: string, apiBase?: string) {
  return GitHubProvider({
    clientId,
    clientSecret,
    httpOptions: PROVIDER_HTTP_OPTIONS,
    userinfo: {
      url: `${apiBase ?? 'https://api.github.com'}/user`,
      async request({ tokens }) {
        if (!tokens.access_token) throw new Error('GitHub returned no access token');
        const profile = await loadGitHubProfile(tokens.access_token, { apiBase });
        // next-auth's Profile wants absent values undefined, not null.
        return { ...profile, name: profile.name ?? undefined, email: profile.email ?? undefined, image: profile.avatar_url ?? undefined };
      },
    },
    profile: (p) => ({ id: String(p.id), name: p.name ?? p.login, email: p.email ?? null, image: p.avatar_url }),
  });
}

function oidcProvider(id: string, name: string, issuer: string, clientId: string, clientSecret: string, forceLogin: boolean): OAuthConfig<OidcProfile> {
  return {
    id,
    name,
    type: 'oauth',
    wellKnown: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ['pkce', 'state'],
    httpOptions: PROVIDER_HTTP_OPTIONS,
    // The demo provider remembers its last user: ask every time, so switching users works.
    authorization: { params: { scope: 'openid email profile', ...(forceLogin ? { prompt: 'login' } : {}) } },
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? null }),
  };
}

/**
 * The demo provider (server/demo-idp.ts), whose endpoints are known: no discovery request per
 * sign-in. It is served by the portal's own server, so under a flood its answers queue behind the
 * pages (drill 4): its server-to-server calls (token, keys) get a longer timeout than a real provider's.
 */
function demoProvider(issuer: string, clientId: string, clientSecret: string): OAuthConfig<OidcProfile> {
  const { wellKnown: _discovered, ...provider } = oidcProvider('demo', 'Demo ID', issuer, clientId, clientSecret, true);
  return {
    ...provider,
    issuer,
    authorization: { ...(provider.authorization as object), url: `${issuer}/auth` },
    token: `${issuer}/token`,
    userinfo: `${issuer}/me`,
    jwks_endpoint: `${issuer}/jwks`,
    client: { id_token_signed_response_alg: DEMO_IDP_SIGNING_ALG },
    httpOptions: { timeout: 60_000 },
  };
}

/** The providers switched on by configuration; the demo provider when none is. */
export function configuredProviders() {
  const cfg = config();
  const list: NextAuthOptions['providers'] = [];
  if (cfg.providers.github) list.push(githubProvider(cfg.providers.github.id, cfg.providers.github.secret));
  if (cfg.providers.google) list.push(GoogleProvider({ clientId: cfg.providers.google.id, clientSecret: cfg.providers.google.secret, httpOptions: PROVIDER_HTTP_OPTIONS }));
  if (cfg.providers.oidc) list.push(oidcProvider('oidc', 'OpenID Connect', cfg.providers.oidc.issuer, cfg.providers.oidc.id, cfg.providers.oidc.secret, false));
  // The demo provider signs with a key every instance derives alike (server/demo-idp-shared.ts).
  if (cfg.demoMode) list.push(demoProvider(cfg.demoIssuer, cfg.demoClientId, cfg.demoClientSecret));
  return list;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  /** A signed-in user linking another provider (lib/auth/identity-linking.ts): link, don't sign in. */
  linkTo?: LinkIntent | null;
}

/**
 * One next-auth configuration. The cookie is a JWT carrying only the server-side session id
 * (`sid`); the guard checks that row on every request, so sessions are revocable.
 */
export function authOptions(request: RequestInfo = { ip: null, userAgent: null }): NextAuthOptions {
  const cfg = config();
  return {
    secret: cfg.authSecret,
    providers: configuredProviders(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    callbacks: {
      async jwt({ token, account, profile }) {
        if (account && request.linkTo) {
          const { email, emailVerified } = verifiedEmailOf(profile);
          const linkTo = request.linkTo;
          await linkIdentityToUser(getDb(), {
            provider: account.provider,
            subject: account.providerAccountId,
            email,
            emailVerified,
            accountId: linkTo.accountId,
            actor: { userId: linkTo.userId, name: linkTo.name, ip: request.ip, userAgent: request.userAgent },
            now: new Date(),
          }).catch((error: unknown) => {
            // Taken by another user since signIn checked (identity_in_use): nothing is linked, the session stays as it was.
            if (!(error instanceof IdentityError)) throw error;
          });
          // The session that asked stays the session: nobody new is signed in.
          return { sid: linkTo.sessionId, sub: linkTo.userId };
        }
        if (account) {
          const { email, emailVerified, name } = verifiedEmailOf(profile);
          const result = await completeSignIn(getDb(), {
            provider: account.provider,
            subject: account.providerAccountId,
            email,
            emailVerified,
            name: name ?? token.name ?? null,
            ip: request.ip,
            userAgent: request.userAgent,
            now: new Date(),
          });
          return { sid: result.sessionId, sub: result.userId };
        }
        return token;
      },
      async session({ session, token }) {
        return { expires: session.expires, sid: typeof token.sid === 'string' ? token.sid : undefined };
      },
      /** Refused identities go back to the sign-in page, which says why (`?error=email_unverified` …). */
      async signIn({ account, profile }) {
        if (!account) return true;
        if (request.linkTo) {
          // Linking: only an identity that is nobody else's.
          const owner = await identityOwner(getDb(), account.provider, account.providerAccountId);
          return owner && owner !== request.linkTo.userId ? `${cfg.appUrl}/account/identities?error=identity_in_use` : true;
        }
        const refusal = await signInRefusal(getDb(), { provider: account.provider, subject: account.providerAccountId, ...verifiedEmailOf(profile) });
        return refusal ? `${cfg.appUrl}/sign-in?error=${refusal}` : true;
      },
      // Where next-auth sends the browser after signing in or out: the portal's own origin only.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await revokeSession(getDb(), token.sid, new Date());
      },
    },
    logger: {
      error: (code, metadata) => console.error('[auth]', code, metadata instanceof Error ? metadata.message : ''),
      warn: () => {},
      debug: () => {},
    },
  };
}
