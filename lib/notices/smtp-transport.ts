import nodemailer from 'nodemailer';
import { DeliveryError, type EmailTransport } from './transports';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

/** Maps nodemailer's errors: 5xx to RCPT TO is a refused recipient (a bounce); other 5xx are permanent; the rest transient. */
function classify(error: SmtpError): DeliveryError {
  const code = error.responseCode ?? 0;
  if (code >= 500 && code < 600) {
    const atRecipient = error.code === 'EENVELOPE' || /RCPT/i.test(error.command ?? '');
    return new DeliveryError(atRecipient ? 'recipient_refused' : 'permanent', `${code} ${error.message}`);
  }
  return new DeliveryError('transient', error.message);
}

export interface SmtpEmailTransport extends EmailTransport {
  close(): void;
}

/** Email over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…`). */
export function createSmtpEmailTransport(smtpUrl: string, from: string): SmtpEmailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async sendEmail(message) {
      try {
        const info = await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
          })),
        });
        if (info.rejected.length > 0) throw new DeliveryError('recipient_refused', `Recipient refused: ${message.to}`);
        return { messageId: info.messageId ?? null };
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        throw classify(error as SmtpError);
      }
    },
    close() {
      transporter.close();
    },
  };
}
