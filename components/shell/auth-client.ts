/*
 * Signing in and out from the browser with next-auth's own endpoints (the two POSTs its
 * `next-auth/react` helpers make), without shipping that client library (~15 KiB gzip) on every page.
 */

const AUTH_BASE = '/api/auth';

/** POSTs a form to a next-auth endpoint with its CSRF token; returns where next-auth says to go. */
async function postToAuth(path: string, fields: Record<string, string>): Promise<string | null> {
  const csrf = (await (await fetch(`${AUTH_BASE}/csrf`)).json()) as { csrfToken?: string };
  const response = await fetch(`${AUTH_BASE}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrfToken: csrf.csrfToken ?? '', json: 'true' }),
  });
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  return data.url ?? null;
}

function go(url: string): void {
  window.location.href = url;
  if (url.includes('#')) window.location.reload();
}

/** Starts the provider's sign-in (OAuth/OIDC redirect), coming back to `callbackUrl`. */
export async function signInWith(provider: string, callbackUrl: string): Promise<void> {
  go((await postToAuth(`signin/${encodeURIComponent(provider)}`, { callbackUrl })) ?? `${AUTH_BASE}/signin?${new URLSearchParams({ callbackUrl })}`);
}

/** Ends this session (next-auth revokes the server-side session row) and goes to `callbackUrl`. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  go((await postToAuth('signout', { callbackUrl })) ?? callbackUrl);
}
