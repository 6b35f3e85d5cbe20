import type { Viewer } from '@/lib/auth/viewer';

/** Banners shown on every page (impersonation, terms amendments, contact accuracy…). */
export async function Banners({ viewer }: { viewer: Viewer }) {
  void viewer;
  return <div className="space-y-2 empty:hidden" />;
}
