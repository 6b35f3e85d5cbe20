import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { deliverDocumentEmails } from './document-emails';
import { transportsFromConfig } from './mailbox';
import { startOutboxWorker } from './outbox';
import type { SmsProvider } from './transports';

/**
 * The server's notice delivery: the outbox worker with the transports configuration asks for
 * (the demo mailbox in demo mode, else SMTP), for notices and for documents
 * (invoices, credit notes, statements) by email. Returns a stop function.
 */
export function startNoticeDelivery(getDb: () => Db, cfg: PortalConfig, opts: { intervalMs?: number; sms?: SmsProvider } = {}): () => Promise<void> {
  return startOutboxWorker(getDb, {
    appUrl: cfg.appUrl,
    intervalMs: opts.intervalMs,
    transports: (db) => transportsFromConfig(db, cfg, opts.sms),
    extraPasses: [(db, { now, transports }) => deliverDocumentEmails(db, { now, transports, appUrl: cfg.appUrl, timeZone: cfg.billingTimeZone, seller: cfg.seller })],
  });
}
