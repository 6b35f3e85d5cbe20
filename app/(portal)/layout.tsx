import { AppShell } from '@/components/shell/app-shell';

export const dynamic = 'force-dynamic';

/** Every signed-in page. Pages still call requireViewer themselves: a layout is no guard. */
export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
