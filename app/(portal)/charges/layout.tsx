import { ClientMessages } from '@/components/shell/client-messages';

/** The charge history and day detail (and their error page): the browser gets only the messages its client components use. React Query is not here: a layout is loaded when a link to its pages is prefetched, so the history list brings its own (components/charges/history-list.tsx). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={['charges']}>
      {children}
    </ClientMessages>
  );
}
