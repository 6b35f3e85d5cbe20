import { ClientMessages } from '@/components/shell/client-messages';

/** Signing in again: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['session.reauth']}>{children}</ClientMessages>;
}
