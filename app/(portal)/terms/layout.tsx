import { ClientMessages } from '@/components/shell/client-messages';

/** The terms, their history and diff: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['terms']}>{children}</ClientMessages>;
}
