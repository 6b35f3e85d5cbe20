import { existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createNonce } from '@/lib/http/security-headers';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type AppLocale } from '@/lib/i18n/locales';

/**
 * The 404 for a path no route serves, answered by the portal's server without rendering.
 *
 * Next.js renders the root not-found page for every unknown path: the root layout, messages and
 * the React render, about 8 ms of CPU each, where a bare Next.js app serves a prerendered file.
 * An unknown path is the cheapest request anyone can send, so it must not be the one that ties up
 * the server. The page is rendered once per locale by Next.js itself (a request to this server,
 * kept in memory), then answered from memory with what varies per request put back in:
 *
 * - a fresh CSP nonce (in the `content-security-policy` header and on every script), never a replayed one;
 * - the requested path in the router's initial state, so the page hydrates at the address shown.
 *
 * Only plain document requests take this path: GET or HEAD, a path of plain characters that
 * matches no route in Next's routes manifest and no public file, no query, no trailing slash,
 * no router headers, and a locale known without reading the database (the locale cookie, or
 * Accept-Language when there is no session cookie). Anything else goes to Next.js as before.
 */
export interface FastNotFound {
  /** Answers the request and returns true when it is an unknown path this can serve; false leaves it to the caller. */
  (req: IncomingMessage, res: ServerResponse): boolean;
}

/** The path the template is rendered for; it never names a route. */
export const NOT_FOUND_PROBE_PATH = '/__portal-not-found-template__';
/** Marks the template request itself, so it is rendered by Next.js and not answered from the (empty) cache. */
const PROBE_HEADER = 'x-portal-not-found-template';

const PLAIN_PATH = /^\/[A-Za-z0-9._~\-/]{0,255}$/;
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-action', PROBE_HEADER];

interface RoutesManifest {
  staticRoutes?: { regex: string }[];
  dynamicRoutes?: { regex: string }[];
}

/** True when a route of the build (static or dynamic, compared case-insensitively to be safe) could serve the path. */
export function routeMatcher(manifest: RoutesManifest): (pathname: string) => boolean {
  const patterns = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((r) => new RegExp(r.regex, 'i'));
  return (pathname) => patterns.some((pattern) => pattern.test(pathname));
}

/** The path's segments as the router's initial state names them (`"c":["","a","b"]`), escaped as they stand in the page's script. */
function pathState(pathname: string): string {
  const segments = ['', ...pathname.slice(1).split('/')];
  return JSON.stringify(JSON.stringify(segments)).slice(1, -1);
}

/** The locale of a request when it is known without the database; null when the signed-in user's saved choice could decide it. */
export function requestLocale(headers: IncomingMessage['headers']): AppLocale | null {
  const cookies = headers.cookie ?? '';
  const chosen = cookies
    .split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(chosen)) return chosen;
  if (cookies.includes('session-token')) return null;
  const accept = headers['accept-language'];
  return localeFromAcceptLanguage(Array.isArray(accept) ? accept.join(',') : (accept ?? null));
}

/** Whether a request may be answered with the cached 404, before the route check. */
export function isPlainDocumentRequest(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '/';
  if (!PLAIN_PATH.test(url) || url.includes('//') || (url.length > 1 && url.endsWith('/')) || url.startsWith('/_next/')) return null;
  if (ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
  return url;
}

interface Template {
  body: string;
  nonce: string;
  csp: string;
  headers: Record<string, string>;
  pathToken: string;
}

/** Fills a rendered 404 for one request: a fresh nonce everywhere the old one stood, and the requested path. */
export function fillTemplate(template: Template, pathname: string, nonce: string): { body: string; csp: string } {
  return {
    body: template.body.replaceAll(template.nonce, nonce).replace(template.pathToken, pathState(pathname)),
    csp: template.csp.replaceAll(template.nonce, nonce),
  };
}

/** Turns one rendered 404 into a template, or null when it is not what this module expects (then Next.js answers every 404). */
export function toTemplate(status: number, headers: IncomingMessage['headers'], body: string): Template | null {
  const csp = headers['content-security-policy'];
  const nonce = typeof csp === 'string' ? /'nonce-([^']+)'/.exec(csp)?.[1] : undefined;
  const pathToken = pathState(NOT_FOUND_PROBE_PATH);
  if (status !== 404 || !nonce || typeof csp !== 'string') return null;
  if (body.split(pathToken).length !== 2 || !body.includes(`nonce="${nonce}"`)) return null;
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'cache-control', 'vary', 'link']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return { body, nonce, csp, headers: kept, pathToken };
}

/**
 * The fast 404 for a production build in `distDir`, rendering its templates through the server at
 * `origin` (this server). Null when the build has no routes manifest (development).
 */
export function createFastNotFound(opts: {
  root: string;
  distDir: string;
  origin: string;
  /** Answers a request this module took but cannot serve from a template (Next.js's handler). */
  fallback: (req: IncomingMessage, res: ServerResponse) => unknown;
}): FastNotFound | null {
  const manifestFile = path.join(opts.root, opts.distDir, 'routes-manifest.json');
  if (!existsSync(manifestFile)) return null;
  const matchesRoute = routeMatcher(JSON.parse(readFileSync(manifestFile, 'utf8')) as RoutesManifest);
  const publicDir = path.join(opts.root, 'public');
  const isPublicFile = (pathname: string) => existsSync(publicDir) && existsSync(path.join(publicDir, pathname)) && statSync(path.join(publicDir, pathname)).isFile();
  const templates = new Map<AppLocale, Promise<Template | null>>();

  const render = (locale: AppLocale) =>
    new Promise<Template | null>((resolve) => {
      const url = new URL(NOT_FOUND_PROBE_PATH, opts.origin);
      const probe = httpRequest(url, { headers: { cookie: `${LOCALE_COOKIE}=${locale}`, [PROBE_HEADER]: '1', 'accept-language': locale } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const template = toTemplate(res.statusCode ?? 0, res.headers, body);
          if (!template) console.warn(`[portal] the ${locale} 404 page is not in the expected shape; unknown paths are rendered by Next.js`);
          resolve(template);
        });
        res.on('error', () => resolve(null));
      });
      probe.on('error', () => resolve(null));
      probe.end();
    });

  return (req, res) => {
    const pathname = isPlainDocumentRequest(req);
    if (!pathname || matchesRoute(pathname) || isPublicFile(pathname)) return false;
    const locale = requestLocale(req.headers);
    if (!locale) return false;
    let template = templates.get(locale);
    if (!template) {
      template = render(locale);
      templates.set(locale, template);
    }
    template
      .then((ready) => {
        if (!ready) return opts.fallback(req, res);
        const page = fillTemplate(ready, pathname, createNonce());
        res.writeHead(404, { ...ready.headers, 'content-security-policy': page.csp, 'content-length': Buffer.byteLength(page.body) });
        res.end(req.method === 'HEAD' ? undefined : page.body);
      })
      .catch((error: unknown) => {
        console.error('[portal] 404 failed:', (error as Error).message);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error');
      });
    return true;
  };
}
