import { ClientMessages } from '@/components/shell/client-messages';

/** Account standing: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['account.admin']}>{children}</ClientMessages>;
}
