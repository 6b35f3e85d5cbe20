/** What a channel needs to deliver; the outbox worker and the verification codes use the same. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}

export interface OutgoingSms {
  /** E.164. */
  to: string;
  text: string;
}

export interface SentMessage {
  messageId: string | null;
}

export interface EmailTransport {
  sendEmail(message: OutgoingEmail): Promise<SentMessage>;
}

/** An SMS gateway. Implement this for a real provider; the demo mailbox implements it too. */
export interface SmsProvider {
  sendSms(message: OutgoingSms): Promise<SentMessage>;
}

export interface Transports {
  email: EmailTransport;
  sms: SmsProvider;
}

/**
 * How a delivery failed: `transient` is retried with backoff; `recipient_refused` is a bounce
 * (the destination does not exist or refuses mail: the customer must correct it); `permanent`
 * is given up without blaming the contact.
 */
export type DeliveryFailureKind = 'transient' | 'recipient_refused' | 'permanent';

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Classifies anything a transport threw; unknown errors are treated as transient. */
export function deliveryFailureOf(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError('transient', error instanceof Error ? error.message : String(error));
}
