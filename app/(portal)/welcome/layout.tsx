import { ClientMessages } from '@/components/shell/client-messages';

/** The first-sign-in declaration: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['welcome']}>{children}</ClientMessages>;
}
