import { ClientMessages } from '@/components/shell/client-messages';

/** Top-up and payment status: the browser gets only the messages its client components use. React Query is not here: a layout is loaded when a link to its pages is prefetched, so the one component using it brings its own. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={['topup']}>
      {children}
    </ClientMessages>
  );
}
