import { unstable_cache } from 'next/cache';
import { listAnnouncements } from '@/lib/announcements/announcements';
import { readServiceStatus } from '@/lib/billing/incident-status';
import { readPriceList } from '@/lib/catalogue/price-list';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { PUBLIC_DATA_MAX_AGE_SECONDS, PUBLIC_DATA_TAGS } from './cache';

/*
 * The public pages' data, cached across requests under the tags the writers expire
 * (expirePublicData). Only JSON-safe values are cached; the HTML is rendered per request.
 */

/**
 * Read per request, not cached: incidents are written by the machine API, which the portal's server
 * answers before Next.js, where no data-cache tag can be expired — and an outage must show at once.
 * One indexed query over 90 days of incidents.
 */
export async function cachedServiceStatus() {
  return readServiceStatus(getDb(), { now: new Date(), timeZone: config().billingTimeZone });
}

/** Keyed by the service day, so the list turns over at midnight in the billing time zone. */
export const cachedPriceList = unstable_cache(async (today: string) => readPriceList(getDb(), today), ['public-price-list'], {
  tags: [PUBLIC_DATA_TAGS.prices],
  revalidate: PUBLIC_DATA_MAX_AGE_SECONDS,
});

export const cachedAnnouncements = unstable_cache(async () => listAnnouncements(getDb()), ['public-announcements'], {
  tags: [PUBLIC_DATA_TAGS.announcements],
  revalidate: PUBLIC_DATA_MAX_AGE_SECONDS,
});
