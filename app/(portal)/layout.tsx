import { AppShell } from '@/components/shell/app-shell';
import { loadShell } from '@/lib/shell/load-shell';

export const dynamic = 'force-dynamic';

/** Every signed-in page. Pages still call requireViewer themselves: a layout is no guard. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const shell = await loadShell();
  return <AppShell shell={shell}>{children}</AppShell>;
}
