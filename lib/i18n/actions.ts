'use server';

import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { openToAnyone, type ActionResult } from '@/lib/auth/guard';
import { getViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { isLocale, LOCALE_COOKIE, type AppLocale } from './locales';

/** Switches the language: remembered in a cookie and, for a signed-in user, on their profile (an unknown one changes nothing). */
export async function setLocale(locale: string): Promise<ActionResult<{ locale: AppLocale | null }>> {
  openToAnyone('lib/i18n/actions.ts#setLocale');
  if (!isLocale(locale)) return { ok: true, data: { locale: null } };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
  const viewer = await getViewer();
  // While impersonating, the staff member's own preference changes, never the customer's.
  if (viewer) await getDb().update(users).set({ locale }).where(eq(users.id, viewer.userId));
  return { ok: true, data: { locale } };
}
