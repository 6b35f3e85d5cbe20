import { ClientMessages } from '@/components/shell/client-messages';
import { QueryProvider } from '@/components/shell/query-provider';

/** Top-up and payment status: the browser gets only the messages its client components use, and React Query only here, where it is used. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={['topup']}>
      <QueryProvider>{children}</QueryProvider>
    </ClientMessages>
  );
}
