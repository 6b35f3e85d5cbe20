import { ClientMessages } from '@/components/shell/client-messages';

/** Support's customer search and summary: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['support', 'supportCases']}>{children}</ClientMessages>;
}
