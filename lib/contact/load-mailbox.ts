import type { Db } from '@/lib/db/client';
import { listMailboxMessages, type MailboxMessage } from '@/lib/notices/mailbox';
import { normalisePhone } from './phone';

/** How many messages the demo mailbox lists. */
export const MAILBOX_PAGE = 100;

/**
 * The recipient a mailbox filter names, as stored: an address in lower case, or a phone number as
 * typed turned into E.164 (how phones are stored). Undefined: no filter.
 */
export function mailboxRecipient(typed: string): string | undefined {
  if (!typed) return undefined;
  const phone = typed.includes('@') ? null : normalisePhone(typed);
  return phone?.ok ? phone.e164 : typed.toLowerCase();
}

/**
 * The demo mailbox (demo mode only): the latest messages sent, to one contact when `typed` names one.
 * Here rather than in lib/notices: the filter reads a phone number as contact does (notices never call contact).
 */
export async function loadMailboxPage(db: Db, input: { typed: string }): Promise<{ messages: MailboxMessage[] }> {
  return { messages: await listMailboxMessages(db, { recipient: mailboxRecipient(input.typed), limit: MAILBOX_PAGE }) };
}
