import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sameOriginPath } from '@/lib/http/same-origin';
import { completeSignIn, revokeSession, SESSION_MAX_AGE_SECONDS } from './complete-sign-in';

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
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
    // The demo provider remembers its last user: ask every time, so switching users works.
    authorization: { params: { scope: 'openid email profile', ...(forceLogin ? { prompt: 'login' } : {}) } },
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? null }),
  };
}

/** The providers switched on by configuration; the demo provider when none is. */
export function configuredProviders() {
  const cfg = config();
  const list: NextAuthOptions['providers'] = [];
  if (cfg.providers.github) list.push(GitHubProvider({ clientId: cfg.providers.github.id, clientSecret: cfg.providers.github.secret }));
  if (cfg.providers.google) list.push(GoogleProvider({ clientId: cfg.providers.google.id, clientSecret: cfg.providers.google.secret }));
  if (cfg.providers.oidc) list.push(oidcProvider('oidc', 'OpenID Connect', cfg.providers.oidc.issuer, cfg.providers.oidc.id, cfg.providers.oidc.secret, false));
  if (cfg.demoMode) list.push(oidcProvider('demo', 'Demo ID', cfg.demoIssuer, cfg.demoClientId, cfg.demoClientSecret, true));
  return list;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
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
        if (account) {
          const p = (profile ?? {}) as OidcProfile;
          const email = p.email ?? token.email ?? null;
          const emailVerified = account.provider === 'github' ? Boolean(email) : p.email_verified === true;
          const result = await completeSignIn(getDb(), {
            provider: account.provider,
            subject: account.providerAccountId,
            email,
            emailVerified,
            name: p.name ?? p.preferred_username ?? token.name ?? null,
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
      async signIn() {
        return true;
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
