import { ClientMessages } from '@/components/shell/client-messages';

/** Questions about charges: the browser gets only the messages its forms use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['supportCases']}>{children}</ClientMessages>;
}
