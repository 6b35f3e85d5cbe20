import { revalidateTag } from 'next/cache';

/**
 * Cache tags of the public pages' data (/status, /prices, /announcements). The pages render per
 * request (a CSP nonce per response); their data is cached under these tags and invalidated by the
 * route or action that changed it. The time bound covers other instances, whose caches a write on
 * this one cannot reach.
 */
export const PUBLIC_DATA_TAGS = {
  incidents: 'public:incidents',
  prices: 'public:prices',
  announcements: 'public:announcements',
} as const;

export type PublicDataTag = (typeof PUBLIC_DATA_TAGS)[keyof typeof PUBLIC_DATA_TAGS];

/** Seconds a cached copy may live at most (another instance's write reaches this one by then). */
export const PUBLIC_DATA_MAX_AGE_SECONDS = 30;

/**
 * Expires the cached data of the given tags at once. Called by routes and actions after a write;
 * outside a Next.js request (unit tests, scripts) there is no data cache, so nothing to expire.
 */
export function expirePublicData(...tags: PublicDataTag[]): void {
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('static generation store missing'))) throw error;
    }
  }
}
