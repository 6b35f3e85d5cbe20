import { getViewer } from '@/lib/auth/viewer';

/**
 * The portal session a sandbox page or step comes from, or null when there is none that may pay:
 * signed out, or support viewing as a customer (impersonation never moves money).
 */
export async function payingSession(): Promise<string | null> {
  const viewer = await getViewer();
  if (!viewer || viewer.impersonation) return null;
  return viewer.sessionId;
}
