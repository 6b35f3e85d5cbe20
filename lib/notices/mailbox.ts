import { and, desc, eq } from 'drizzle-orm';
import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { mailboxMessages } from '@/lib/db/schema';
import type { SmsGatewayConfig } from '@/lib/config/sms';
import { createSmsGateway } from './sms/gateway';
import { createSmtpEmailTransport } from './smtp-transport';
import type { Transports } from './transports';

/**
 * The built-in mailbox: in demo mode every email and SMS is stored here instead of leaving the
 * machine, and /mailbox shows it (to anyone signed in: so it never exists in production).
 */
export function mailboxTransports(db: Db, clock: () => Date = () => new Date()): Transports {
  return {
    email: {
      async sendEmail(message) {
        const [row] = await db
          .insert(mailboxMessages)
          .values({
            channel: 'email',
            recipient: message.to,
            subject: message.subject,
            bodyText: message.text,
            bodyHtml: message.html,
            // The demo mailbox shows what was attached; the bytes stay with their document.
            attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.byteLength })),
            createdAt: clock(),
          })
          .returning({ id: mailboxMessages.id });
        return { messageId: row.id };
      },
    },
    sms: {
      async sendSms(message) {
        const [row] = await db
          .insert(mailboxMessages)
          .values({ channel: 'sms', recipient: message.to, subject: null, bodyText: message.text, bodyHtml: null, createdAt: clock() })
          .returning({ id: mailboxMessages.id });
        return { messageId: row.id };
      },
    },
  };
}

/**
 * The demo mailbox (its page, its navigation entry, email delivered into it): demo mode only.
 * Keyed on the mode, never on a missing SMTP_URL, which production refuses anyway.
 */
export function mailboxEnabled(cfg: Pick<PortalConfig, 'demoMode'>): boolean {
  return cfg.demoMode;
}

let warnedNoSms = false;

/**
 * The transports configuration asks for: email in the mailbox in demo mode, otherwise over SMTP;
 * SMS through the configured gateway (SMS_PROVIDER, in either mode). Without a gateway SMS is
 * kept in the mailbox table (in production with a warning; no page shows it there).
 */
export function transportsFromConfig(db: Db, cfg: Pick<PortalConfig, 'demoMode' | 'smtpUrl' | 'smtpFrom'> & { sms?: SmsGatewayConfig | null }, smsProvider?: Transports['sms']): Transports {
  const mailbox = mailboxTransports(db);
  const sms = smsProvider ?? (cfg.sms ? createSmsGateway(cfg.sms) : undefined);
  if (mailboxEnabled(cfg)) return { email: mailbox.email, sms: sms ?? mailbox.sms };
  // Production never silently keeps email in the mailbox: the configuration requires SMTP_URL.
  if (!cfg.smtpUrl) throw new Error('SMTP_URL is required outside demo mode');
  if (!sms && !warnedNoSms) {
    warnedNoSms = true;
    console.warn('[notices] no SMS provider configured: SMS messages are kept in the mailbox');
  }
  return { email: createSmtpEmailTransport(cfg.smtpUrl, cfg.smtpFrom), sms: sms ?? mailbox.sms };
}

export type MailboxMessage = typeof mailboxMessages.$inferSelect;

/** Newest first; optionally only one recipient's messages. */
export async function listMailboxMessages(db: Db, opts: { limit?: number; recipient?: string; channel?: 'email' | 'sms' } = {}): Promise<MailboxMessage[]> {
  const filters = [
    opts.recipient ? eq(mailboxMessages.recipient, opts.recipient) : undefined,
    opts.channel ? eq(mailboxMessages.channel, opts.channel) : undefined,
  ].filter((f) => f !== undefined);
  return db
    .select()
    .from(mailboxMessages)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(mailboxMessages.createdAt), desc(mailboxMessages.id))
    .limit(opts.limit ?? 100);
}

export async function getMailboxMessage(db: Db, id: string): Promise<MailboxMessage | null> {
  const [row] = await db.select().from(mailboxMessages).where(eq(mailboxMessages.id, id));
  return row ?? null;
}
