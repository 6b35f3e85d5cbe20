import { z } from 'zod';

/*
 * GitHub sign-in: next-auth's GitHub provider takes the account's public or primary email without
 * asking whether GitHub verified it. We read `GET /user` and `GET /user/emails` ourselves and use
 * the primary email only when it is verified; `email_verified` says which, as an OpenID provider's
 * claim would, so the sign-in rules treat every provider alike.
 */

export const GITHUB_API_BASE = 'https://api.github.com';

const githubUserSchema = z.object({
  id: z.union([z.number(), z.string()]),
  login: z.string(),
  name: z.string().nullable().optional(),
  avatar_url: z.string().nullable().optional(),
});

/** One entry of `GET /user/emails` (https://docs.github.com/en/rest/users/emails). */
const githubEmailSchema = z.object({
  email: z.string(),
  primary: z.boolean(),
  verified: z.boolean(),
  visibility: z.string().nullable().optional(),
});

export interface GitHubProfile {
  id: string;
  login: string;
  name: string | null;
  avatar_url: string | null;
  /** The primary email when GitHub verified it; null otherwise. */
  email: string | null;
  email_verified: boolean;
}

export class GitHubApiError extends Error {}

/** The primary email when it is verified; unverified or secondary addresses never count. */
export function primaryVerifiedEmail(emails: readonly z.infer<typeof githubEmailSchema>[]): string | null {
  const primary = emails.find((e) => e.primary);
  return primary?.verified ? primary.email : null;
}

async function getJson(url: string, accessToken: string, fetchImpl: typeof fetch): Promise<unknown> {
  const response = await fetchImpl(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'account-portal' },
  });
  if (!response.ok) throw new GitHubApiError(`GitHub ${new URL(url).pathname} answered ${response.status}`);
  return response.json();
}

/** The signed-in GitHub user with their primary verified email (for the provider's `userinfo`). */
export async function loadGitHubProfile(accessToken: string, options: { apiBase?: string; fetch?: typeof fetch } = {}): Promise<GitHubProfile> {
  const base = (options.apiBase ?? GITHUB_API_BASE).replace(/\/$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const user = githubUserSchema.parse(await getJson(`${base}/user`, accessToken, fetchImpl));
  const emails = z.array(githubEmailSchema).parse(await getJson(`${base}/user/emails`, accessToken, fetchImpl));
  const email = primaryVerifiedEmail(emails);
  return { id: String(user.id), login: user.login, name: user.name ?? null, avatar_url: user.avatar_url ?? null, email, email_verified: email !== null };
}
