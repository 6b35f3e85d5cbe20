/*
 * Signs in through the real demo identity provider over plain HTTP, the way a browser does it:
 * next-auth's CSRF token and sign-in request, the provider's login form, and the
 * authorization-code callback. Returns the cookies of the signed-in session.
 */

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

async function send(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', jar.header());
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

/** Follows redirects by hand (cookies change on the way), returning the last response. */
async function follow(jar: CookieJar, baseUrl: string, first: Response, limit = 10): Promise<Response> {
  let response = first;
  for (let i = 0; i < limit && response.status >= 300 && response.status < 400; i++) {
    const location = response.headers.get('location');
    if (!location) break;
    await response.arrayBuffer();
    response = await send(jar, new URL(location, baseUrl).href);
  }
  return response;
}

export async function signInThroughDemoIdp(baseUrl: string, username: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = (await (await send(jar, `${baseUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await send(jar, `${baseUrl}/api/auth/signin/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${baseUrl}/`, json: 'true' }),
  });
  const { url } = (await start.json()) as { url: string };
  const loginPage = await follow(jar, baseUrl, await send(jar, url));
  const html = await loginPage.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) {
    const text = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    throw new Error(`The demo identity provider showed no login form (status ${loginPage.status} at ${loginPage.url}): ${text.slice(0, 200)}`);
  }
  const submitted = await send(jar, new URL(action, baseUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username }),
  });
  const done = await follow(jar, baseUrl, submitted);
  await done.arrayBuffer();
  if (!jar.has('next-auth.session-token')) throw new Error(`Signing in as ${username} gave no session (last status ${done.status})`);
  return jar;
}
