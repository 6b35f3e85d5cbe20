import { vi } from 'vitest';
import type { Db } from '@/lib/db/client';
import { authSessions } from '@/lib/db/schema';
import type { Viewer } from './viewer';

/*
 * Fixtures of the guard tests, which call server actions and routes the way a hand-made request
 * would. In the test file (vi.mock is hoisted, so its factory imports this module, which therefore
 * imports nothing that uses the mocked modules):
 *
 *   vi.mock('next/headers', async () => (await import('./testing')).mockedHeaders({ pathname: '/top-up', ip: '192.0.2.10' }));
 *   vi.mock('next-intl/server', async () => (await import('./testing')).mockedNextIntlServer());
 *   vi.mock('./viewer', async (importOriginal) => ({ ...(await importOriginal<typeof import('./viewer')>()), getViewer: vi.fn() }));
 */

/** `next/headers` for a request to `pathname` from `ip`, without cookies. */
export function mockedHeaders(request: { pathname: string; ip: string }) {
  return {
    headers: async () => new Headers({ 'x-pathname': request.pathname, 'user-agent': 'vitest', 'x-forwarded-for': request.ip }),
    cookies: async () => ({ get: () => undefined, set: () => undefined }),
  };
}

/** `next-intl/server` with the English messages. */
export async function mockedNextIntlServer() {
  const { createTranslator, createFormatter } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = loadMessages('en');
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'en', messages, namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: 'en', timeZone: 'Asia/Shanghai' }),
    getLocale: async () => 'en',
  };
}

/** A session row as a sign-in `signedInMinutesAgo` minutes ago would have left it (used just now). */
export async function openTestSession(db: Db, userId: string, options: { signedInMinutesAgo?: number; lifetimeMs?: number } = {}): Promise<string> {
  const now = Date.now();
  const [row] = await db
    .insert(authSessions)
    .values({
      userId,
      provider: 'demo',
      createdAt: new Date(now - (options.signedInMinutesAgo ?? 0) * 60_000),
      lastSeenAt: new Date(now - (options.signedInMinutesAgo === undefined ? 0 : 10_000)),
      expiresAt: new Date(now + (options.lifetimeMs ?? 86_400_000)),
    })
    .returning({ id: authSessions.id });
  return row.id;
}

/** The request's viewer becomes the one of this session (with `getViewer` mocked as above). */
export async function actAs(db: Db, sessionId: string): Promise<Viewer> {
  const { getViewer, loadViewer } = await import('./viewer');
  const viewer = await loadViewer(db, sessionId, new Date());
  if (!viewer) throw new Error('no viewer');
  vi.mocked(getViewer).mockResolvedValue(viewer);
  return viewer;
}
