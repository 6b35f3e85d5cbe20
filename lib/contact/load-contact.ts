import type { Viewer } from '@/lib/auth/viewer';
import type { PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { mailboxEnabled } from '@/lib/notices/mailbox';
import { getContactDetails, type AccuracyPrompt, type ChannelDetails } from './contact-details';
import { formatPhone } from './phone';

/** One contact channel as the page shows it (values as shown; instants left for the page to format). */
export interface ChannelView {
  channel: 'email' | 'phone';
  /** The value in use, as shown (a phone formatted); null when none is verified. */
  verified: string | null;
  verifiedAt: Date | null;
  pending: { value: string; display: string; status: 'pending' | 'locked'; expired: boolean; attemptsLeft: number; expiresAt: Date } | null;
  /** ISO instant from which a new code may be requested; null: now. */
  resendAvailableAt: string | null;
}

/** Everything the contact page shows, for one account. */
export interface ContactPageView {
  /** Support viewing as the customer: nothing can be changed. */
  readOnly: boolean;
  /** The demo mailbox is on: the page points to it. */
  mailbox: boolean;
  accuracyConfirmedAt: Date | null;
  prompt: AccuracyPrompt | null;
  email: ChannelView;
  phone: ChannelView;
  /** Pre-fills the email input when nothing is verified or pending yet: the sign-in email. */
  emailSuggestion: string | undefined;
  monthlyStatement: boolean;
  emailVerified: boolean;
  postalAddress: string | null;
}

export function channelView(channel: 'email' | 'phone', d: ChannelDetails): ChannelView {
  const show = (v: string) => (channel === 'phone' ? formatPhone(v) : v);
  return {
    channel,
    verified: d.verified ? show(d.verified) : null,
    verifiedAt: d.verifiedAt,
    pending: d.pending
      ? { value: d.pending.value, display: show(d.pending.value), status: d.pending.status, expired: d.pending.expired, attemptsLeft: d.pending.attemptsLeft, expiresAt: d.pending.expiresAt }
      : null,
    resendAvailableAt: d.resendAvailableAt?.toISOString() ?? null,
  };
}

/** The contact page of the account shown. */
export async function loadContactPage(
  db: Db,
  cfg: Pick<PortalConfig, 'demoMode'>,
  viewer: Pick<Viewer, 'accountId' | 'email' | 'impersonation'>,
  input: { now: Date },
): Promise<ContactPageView> {
  const details = await getContactDetails(db, viewer.accountId, input.now);
  return {
    readOnly: Boolean(viewer.impersonation),
    mailbox: mailboxEnabled(cfg),
    accuracyConfirmedAt: details.accuracyConfirmedAt,
    prompt: details.prompt,
    email: channelView('email', details.email),
    phone: channelView('phone', details.phone),
    emailSuggestion: details.email.verified || details.email.pending ? undefined : viewer.email,
    monthlyStatement: details.monthlyStatementSince !== null,
    emailVerified: details.email.verified !== null,
    postalAddress: details.postalAddress,
  };
}
