import { ClientMessages } from '@/components/shell/client-messages';
import { QueryProvider } from '@/components/shell/query-provider';

/** The charge history and day detail (and their error page): the browser gets only the messages its client components use, and React Query (the history's paging). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={['charges']}>
      <QueryProvider>{children}</QueryProvider>
    </ClientMessages>
  );
}
