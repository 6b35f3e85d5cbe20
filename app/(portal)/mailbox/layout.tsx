import { notFound } from 'next/navigation';
import { config } from '@/lib/config';
import { mailboxEnabled } from '@/lib/notices/mailbox';

/**
 * The demo mailbox exists in demo mode only. Checked here, above the page's loading boundary:
 * once a loading state has streamed the status is 200, so the page's own check alone would give
 * production a soft 404.
 */
export default function MailboxLayout({ children }: { children: React.ReactNode }) {
  if (!mailboxEnabled(config())) notFound();
  return children;
}
