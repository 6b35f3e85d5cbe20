import { ClientMessages } from '@/components/shell/client-messages';

/** The charge history and day detail (and their error page): the browser gets only the messages its client components use. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={['charges']}>
      {children}
    </ClientMessages>
  );
}
