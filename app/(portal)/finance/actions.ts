'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ActionError, viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { REJECT_REASON_MAX_LENGTH, rejectInvoice } from '@/lib/invoices/reject-invoice';

/* The finance queue's decisions: finance staff only; each runs in one transaction in lib/invoices. */

function issueContext() {
  const cfg = config();
  return { seller: cfg.seller, timeZone: cfg.billingTimeZone };
}

async function failure(code: string, status?: string): Promise<never> {
  const t = await getTranslations('finance');
  const statusText = status ? t(`statuses.${status}`) : '';
  throw new ActionError(code, t(`errors.${code}`, { status: statusText }));
}

export const issueInvoiceAction = viewerAction(
  { policy: 'app/(portal)/finance/actions.ts#issueInvoiceAction', schema: z.object({ invoiceId: z.uuid() }) },
  async (input, viewer) => {
    const t = await getTranslations('finance');
    const result = await issueInvoice(getDb(), { invoiceId: input.invoiceId, userId: viewer.userId, now: new Date(), ...issueContext() });
    if (!result.ok) return failure(result.code, result.status);
    return { number: result.number, message: t('actions.issued', { number: result.number }) };
  },
);

export const rejectInvoiceAction = viewerAction(
  { policy: 'app/(portal)/finance/actions.ts#rejectInvoiceAction', schema: z.object({ invoiceId: z.uuid(), reason: z.string().max(5000) }) },
  async (input, viewer) => {
    const t = await getTranslations('finance');
    const reason = input.reason.trim();
    if (reason === '' || reason.length > REJECT_REASON_MAX_LENGTH) {
      const message = t('errors.reason_required', { max: REJECT_REASON_MAX_LENGTH });
      throw new ActionError('reason_required', message, { reason: message });
    }
    const result = await rejectInvoice(getDb(), { invoiceId: input.invoiceId, userId: viewer.userId, reason, now: new Date() });
    if (!result.ok) return failure(result.code, result.status);
    return { message: t('actions.rejected') };
  },
);

export const issueCreditNoteAction = viewerAction(
  { policy: 'app/(portal)/finance/actions.ts#issueCreditNoteAction', schema: z.object({ invoiceId: z.uuid() }) },
  async (input, viewer) => {
    const t = await getTranslations('finance');
    const result = await issueCreditNote(getDb(), { invoiceId: input.invoiceId, userId: viewer.userId, now: new Date(), ...issueContext() });
    if (!result.ok) return failure(result.code, result.status);
    return { number: result.number, message: t('actions.credited', { number: result.number }) };
  },
);
