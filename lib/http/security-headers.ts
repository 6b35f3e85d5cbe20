/*
 * The portal's HTTP security headers, in one place. The portal's server (server/request-hardening.ts)
 * sets them, worked out once per configuration (`securityHeaders`):
 *  - `staticSecurityHeaders` on every response, including those that never reach Next.js (the demo
 *    identity provider under /oidc, static files, the machine API), with a locked-down fallback
 *    Content-Security-Policy;
 *  - on requests Next.js renders, `pageContentSecurityPolicy` instead, with a fresh nonce per
 *    request, put on the request as well: Next.js reads the nonce from the request's CSP header
 *    and puts it on its scripts.
 */

export interface SecurityHeaderSettings {
  /** The portal's public URL (APP_URL): HSTS and upgrade-insecure-requests when it is https. */
  appUrl: string;
  /** Origins a form may submit to or be redirected to after submitting: identity and payment providers. */
  formActionOrigins?: readonly string[];
  /** Development server: React needs eval for its debugging aids and Next.js a websocket for HMR. */
  development?: boolean;
}

/**
 * Payment pages carry ids of payments and checkouts in their URLs: they send no referrer at all,
 * not even to the portal's own origin.
 */
export function isPaymentPath(pathname: string): boolean {
  return /^\/(top-up|sandbox-pay)(\/|$)/.test(pathname);
}

/**
 * Features the portal never uses, turned off for it and anything it could embed. (Card data is
 * entered on a payment provider's own page, so even the Payment Request API stays off.)
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

function isHttps(appUrl: string): boolean {
  return appUrl.startsWith('https://');
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function formAction(settings: SecurityHeaderSettings): string {
  const origins = new Set<string>();
  for (const url of [settings.appUrl, ...(settings.formActionOrigins ?? [])]) {
    const origin = originOf(url);
    if (origin) origins.add(origin);
  }
  return ["form-action 'self'", ...origins].join(' ');
}

function serialize(directives: Array<string | false>): string {
  return directives.filter((d): d is string => Boolean(d)).join('; ');
}

/**
 * The CSP of every response that is not a page rendered by Next.js: JSON, files and the demo
 * identity provider's pages (a login form with an inline stylesheet and no script). Nothing may
 * run and nothing may frame it.
 */
export function fallbackContentSecurityPolicy(settings: SecurityHeaderSettings): string {
  return serialize([
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    formAction(settings),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    isHttps(settings.appUrl) && 'upgrade-insecure-requests',
  ]);
}

/**
 * The CSP of pages. Scripts run only with this request's nonce ('strict-dynamic' lets the
 * framework's nonced scripts load its chunks). Stylesheets are the portal's own files or nonced
 * `<style>` elements. Inline `style="…"` attributes are allowed (`style-src-attr`): React renders
 * them for charts (recharts sizes and positions its SVG with them), progress bars and the
 * framework's route announcer, and an attribute can't load or run anything; `<style>` elements,
 * which could read the page through selectors, still need the nonce.
 */
export function pageContentSecurityPolicy(nonce: string, settings: SecurityHeaderSettings): string {
  return serialize([
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${settings.development ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    formAction(settings),
    "manifest-src 'self'",
    isHttps(settings.appUrl) && 'upgrade-insecure-requests',
  ]);
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The headers every response carries; the CSP here is the fallback that pages replace with their own. */
export function staticSecurityHeaders(pathname: string, settings: SecurityHeaderSettings): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': fallbackContentSecurityPolicy(settings),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': isPaymentPath(pathname) ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
  };
  if (isHttps(settings.appUrl)) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** Where sign-in and top-up forms may lead, from the configured identity and payment providers. */
export function providerFormOrigins(cfg: {
  providers: { github: unknown; google: unknown; oidc: { issuer: string } | null };
  stripe: unknown;
}): string[] {
  const origins: string[] = [];
  if (cfg.providers.github) origins.push('https://github.com');
  if (cfg.providers.google) origins.push('https://accounts.google.com');
  if (cfg.providers.oidc) origins.push(cfg.providers.oidc.issuer);
  if (cfg.stripe) origins.push('https://checkout.stripe.com');
  return origins;
}

/** The security headers of one configuration, worked out once: the server sets them on every request. */
export interface SecurityHeaders {
  /** `staticSecurityHeaders` of the path (the same object for every path of a kind: don't change it). */
  forPath(pathname: string): Readonly<Record<string, string>>;
  /** A fresh nonce and the page CSP that carries it. */
  page(): { nonce: string; csp: string };
}

export function securityHeaders(settings: SecurityHeaderSettings): SecurityHeaders {
  const standard = staticSecurityHeaders('/', settings);
  const payment = staticSecurityHeaders('/top-up', settings);
  // The page CSP around its nonce: joined per request instead of rebuilt.
  const marker = 'nonce-placeholder';
  const around = pageContentSecurityPolicy(marker, settings).split(marker);
  return {
    forPath: (pathname) => (isPaymentPath(pathname) ? payment : standard),
    page: () => {
      const nonce = createNonce();
      return { nonce, csp: around.join(nonce) };
    },
  };
}
