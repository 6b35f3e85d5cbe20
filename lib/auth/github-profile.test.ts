import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubApiError, loadGitHubProfile } from './github-profile';
import { verifiedEmailOf } from './options';

/*
 * A local stand-in of GitHub's REST API (node:http) answering `GET /user` and `GET /user/emails`
 * with GitHub's documented JSON, one user per access token.
 */

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: 'public' | 'private' | null;
}

const user = (id: number, login: string, email: string | null) => ({
  login,
  id,
  node_id: 'MDQ6VXNlcjE=',
  avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
  type: 'User',
  site_admin: false,
  name: login === 'nameless' ? null : `The ${login}`,
  company: null,
  blog: '',
  location: null,
  // The public email GitHub shows on the profile: not necessarily verified.
  email,
  bio: null,
  public_repos: 2,
  followers: 0,
  following: 0,
  created_at: '2008-01-14T04:33:35Z',
  updated_at: '2008-01-14T04:33:35Z',
});

const accounts: Record<string, { user: ReturnType<typeof user>; emails: GitHubEmail[] }> = {
  'gho_verified': {
    user: user(1, 'octocat', 'public@example.com'),
    emails: [
      { email: 'public@example.com', primary: false, verified: false, visibility: 'public' },
      { email: 'octocat@example.com', primary: true, verified: true, visibility: 'private' },
    ],
  },
  'gho_unverified': {
    // The attack: a public email naming the victim, and an unverified primary.
    user: user(2, 'mallory', 'victim@example.com'),
    emails: [
      { email: 'victim@example.com', primary: true, verified: false, visibility: 'public' },
      { email: 'mallory@example.com', primary: false, verified: true, visibility: null },
    ],
  },
  'gho_nameless': { user: user(3, 'nameless', null), emails: [{ email: 'nameless@example.com', primary: true, verified: true, visibility: null }] },
};

let server: Server;
let apiBase: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const token = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    seen.push(`${req.method} ${req.url} ${req.headers.accept ?? ''}`);
    const account = accounts[token];
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (!account) {
      res.statusCode = 401;
      res.end(JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }));
      return;
    }
    if (req.url === '/user') res.end(JSON.stringify(account.user));
    else if (req.url === '/user/emails') res.end(JSON.stringify(account.emails));
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('GitHub sign-in email', () => {
  it('uses the primary verified address from /user/emails, not the public profile email', async () => {
    const profile = await loadGitHubProfile('gho_verified', { apiBase });
    expect(profile).toMatchObject({ id: '1', login: 'octocat', email: 'octocat@example.com', email_verified: true });
    expect(verifiedEmailOf(profile)).toEqual({ email: 'octocat@example.com', emailVerified: true, name: 'The octocat' });
    expect(seen).toContain(`GET /user/emails application/vnd.github+json`);
  });

  it('an unverified primary gives no usable email, even when the profile shows one and a secondary is verified', async () => {
    const profile = await loadGitHubProfile('gho_unverified', { apiBase });
    expect(profile).toMatchObject({ login: 'mallory', email: null, email_verified: false });
    expect(verifiedEmailOf(profile)).toMatchObject({ email: null, emailVerified: false });
  });

  it('falls back to the login for a name', async () => {
    expect(verifiedEmailOf(await loadGitHubProfile('gho_nameless', { apiBase }))).toEqual({ email: 'nameless@example.com', emailVerified: true, name: 'nameless' });
  });

  it('a refused token is an error, not a profile', async () => {
    await expect(loadGitHubProfile('gho_revoked', { apiBase })).rejects.toBeInstanceOf(GitHubApiError);
  });
});

describe('OpenID Connect email_verified claim', () => {
  it('counts only a claim that says true', () => {
    expect(verifiedEmailOf({ sub: '1', email: 'a@example.com', email_verified: true })).toMatchObject({ emailVerified: true });
    expect(verifiedEmailOf({ sub: '1', email: 'a@example.com', email_verified: 'true' })).toMatchObject({ emailVerified: true });
    expect(verifiedEmailOf({ sub: '1', email: 'a@example.com', email_verified: false })).toMatchObject({ emailVerified: false });
    expect(verifiedEmailOf({ sub: '1', email: 'a@example.com' })).toMatchObject({ emailVerified: false });
    expect(verifiedEmailOf({ sub: '1', email_verified: true })).toMatchObject({ email: null, emailVerified: false });
  });
});
