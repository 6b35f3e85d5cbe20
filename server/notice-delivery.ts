import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { renderDocumentEmail } from '@/lib/documents/document-email';
import { deliverDocumentEmails } from '@/lib/notices/document-emails';
import { transportsFromConfig } from '@/lib/notices/mailbox';
import { startOutboxWorker } from '@/lib/notices/outbox';
import type { SmsProvider } from '@/lib/notices/transports';

/**
 * The server's notice delivery: the outbox worker with the transports configuration asks for
 * (the demo mailbox in demo mode, else SMTP), for notices and for documents
 * (invoices, credit notes, receipts, statements) by email, rendered by lib/documents. Returns a stop function.
 */
export function startNoticeDelivery(getDb: () => Db, cfg: PortalConfig, opts: { intervalMs?: number; sms?: SmsProvider } = {}): () => Promise<void> {
  return startOutboxWorker(getDb, {
    appUrl: cfg.appUrl,
    intervalMs: opts.intervalMs,
    transports: (db) => transportsFromConfig(db, cfg, opts.sms),
    extraPasses: [
      (db, { now, transports }) =>
        deliverDocumentEmails(db, {
          now,
          transports,
          render: (tx, row) => renderDocumentEmail(tx, row, { appUrl: cfg.appUrl, timeZone: cfg.billingTimeZone, seller: cfg.seller }),
        }),
    ],
  });
}
