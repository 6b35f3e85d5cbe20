import { ClientMessages } from '@/components/shell/client-messages';

/** Sign-in identities: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['identities']}>{children}</ClientMessages>;
}
