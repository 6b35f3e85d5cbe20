/**
 * Where to send the browser after sign-in: `target` resolved against the portal's own URL, kept
 * only when it stays on that origin. Browsers read `/\evil.example` and `//evil.example` as
 * another host, so a prefix check on the raw text is not enough; resolving it the way a browser
 * does is. Returns a path (with query and fragment), or `fallback`.
 */
export function sameOriginPath(target: string | null | undefined, appUrl: string, fallback = '/'): string {
  if (!target) return fallback;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(appUrl);
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  // `/.//evil.example` resolves to the path `//evil.example`, which a Location header would send off-site.
  if (resolved.pathname.startsWith('//')) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
