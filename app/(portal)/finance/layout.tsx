import { ClientMessages } from '@/components/shell/client-messages';

/** The finance queue: the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['finance', 'reversals', 'supportCases']}>{children}</ClientMessages>;
}
