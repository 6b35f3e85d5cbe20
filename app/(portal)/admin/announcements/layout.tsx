import { ClientMessages } from '@/components/shell/client-messages';

/** Announcements: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['public']}>{children}</ClientMessages>;
}
