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

/**
 * Which approved template an SMS gateway sends (mainland gateways send only pre-approved templates
 * with variables, never free text): `verification_code` with `{ code }`, or a notice kind with the
 * values of its text (NOTICE_PARAMS order), plus `title` for the generic notice template.
 */
export interface SmsTemplateRef {
  name: string;
  /** Variable name → value, in the order the template numbers them (Tencent's templates are positional). */
  values: [string, string][];
}

export interface OutgoingSms {
  /** E.164. */
  to: string;
  /** The whole message, as the demo mailbox shows it. */
  text: string;
  template: SmsTemplateRef;
  /** Our id of this message (the outbox row), echoed back by gateways that support it (Alibaba's OutId). */
  reference?: string;
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
