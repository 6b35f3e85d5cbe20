import { PublicShell } from '@/components/public/public-shell';

export const dynamic = 'force-dynamic';

/** Pages anyone may read without signing in: /status, /prices, /announcements. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return <PublicShell>{children}</PublicShell>;
}
