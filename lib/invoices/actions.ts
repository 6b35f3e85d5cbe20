'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { DomainError } from '@/lib/errors';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { invoiceTitleTypes } from '@/lib/db/schema';
import { InvoiceError } from './invoice-error';
import { issueCreditNote } from './issue-credit-note';
import { issueInvoice } from './issue-invoice';
import { rejectInvoice } from './reject-invoice';
import { requestInvoice } from './request-invoice';
import { createInvoiceTitle, deleteInvoiceTitle, setDefaultInvoiceTitle, updateInvoiceTitle, type SaveTitleResult, type TitleField } from './titles';
import { formatCny } from '@/lib/money';

/*
 * Invoice requests and title changes are the customer's own acts: refused while support views as
 * them. Field problems come back per field, in the viewer's language; nothing is written on any.
 */

const optionalText = z.string().max(1000).optional().nullable();

const titleSchema = z.object({
  id: z.uuid().optional(),
  type: z.enum(invoiceTitleTypes),
  name: z.string().max(1000),
  taxpayerId: z.string().max(100).optional().nullable(),
  registeredAddress: optionalText,
  phone: optionalText,
  bankName: optionalText,
  bankAccount: optionalText,
  isDefault: z.boolean().optional(),
  confirmCheckCharacter: z.boolean().optional(),
});

async function titleOutcome(result: SaveTitleResult) {
  const t = await getTranslations('invoices.titles');
  if (result.ok) return { id: result.title.id, message: t('saved') };
  if (result.code === 'invalid') {
    const fieldErrors: Record<string, string> = {};
    for (const [field, problem] of Object.entries(result.fields) as [TitleField, string][]) fieldErrors[field] = t(`problems.${problem}`);
    // A failed check character alone is a question, not an error: the form asks to confirm.
    const onlyCheck = Object.keys(result.fields).length === 1 && result.fields.taxpayerId === 'check_character';
    throw new DomainError(onlyCheck ? 'check_character' : 'invalid', onlyCheck ? t('problems.check_character') : t('invalid'), { fieldErrors });
  }
  throw new DomainError(result.code, t(`errors.${result.code}`));
}

export const saveInvoiceTitle = viewerAction(
  { policy: 'lib/invoices/actions.ts#saveInvoiceTitle', schema: titleSchema },
  async (input, viewer, actor) => {
    const { id, ...title } = input;
    const db = getDb();
    const now = new Date();
    const result = id
      ? await updateInvoiceTitle(db, { accountId: viewer.accountId, titleId: id, title, now, actor })
      : await createInvoiceTitle(db, { accountId: viewer.accountId, title, now, actor });
    return titleOutcome(result);
  },
);

export const deleteInvoiceTitleAction = viewerAction(
  { policy: 'lib/invoices/actions.ts#deleteInvoiceTitleAction', schema: z.object({ id: z.uuid() }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('invoices.titles');
    const result = await deleteInvoiceTitle(getDb(), { accountId: viewer.accountId, titleId: input.id, now: new Date(), actor });
    if (!result.ok) throw new DomainError('not_found', t('errors.not_found'));
    return { message: t('deleted') };
  },
);

export const makeDefaultInvoiceTitle = viewerAction(
  { policy: 'lib/invoices/actions.ts#makeDefaultInvoiceTitle', schema: z.object({ id: z.uuid() }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('invoices.titles');
    const result = await setDefaultInvoiceTitle(getDb(), { accountId: viewer.accountId, titleId: input.id, now: new Date(), actor });
    if (!result.ok) throw new DomainError('not_found', t('errors.not_found'));
    return { message: t('madeDefault') };
  },
);

const MAX_RECIPIENTS = 5;
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const requestSchema = z.object({
  fromMonth: month,
  toMonth: month,
  titleId: z.uuid(),
  kind: z.enum(['general', 'special']),
  /** Addresses separated by commas, semicolons or new lines. */
  recipientEmails: z.string().max(2000),
  /** The total the preview showed, in fen. */
  expectedGrossFen: z.string().regex(/^\d{1,18}$/),
});

export const requestInvoiceAction = viewerAction(
  { policy: 'lib/invoices/actions.ts#requestInvoiceAction', schema: requestSchema },
  async (input, viewer, actor) => {
    const t = await getTranslations('invoices');
    const emails = [...new Set(input.recipientEmails.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean))];
    if (emails.length === 0) throw new DomainError('invalid', t('errors.emailsRequired'), { field: 'recipientEmails' });
    if (emails.length > MAX_RECIPIENTS) throw new DomainError('invalid', t('errors.tooManyEmails', { max: MAX_RECIPIENTS }), { field: 'recipientEmails' });
    const bad = emails.find((e) => !z.email().safeParse(e).success || e.length > 254);
    if (bad) throw new DomainError('invalid', t('errors.badEmail', { email: bad }), { field: 'recipientEmails' });

    const result = await requestInvoice(getDb(), {
      accountId: viewer.accountId,
      actor,
      fromMonth: input.fromMonth,
      toMonth: input.toMonth,
      titleId: input.titleId,
      kind: input.kind,
      recipientEmails: emails,
      expectedGrossFen: BigInt(input.expectedGrossFen),
      now: new Date(),
    });
    return { invoiceId: result.invoiceId, message: t('request.requested', { amount: formatCny(result.document.total.gross, await getLocale()) }) };
  },
);

/* The finance queue's decisions: finance staff only; each runs in one transaction in lib/invoices. */

function issueContext() {
  const cfg = config();
  return { seller: cfg.seller, timeZone: cfg.billingTimeZone };
}

/** A decision refused because of the invoice's status names the status in the viewer's language. */
async function deciding<R>(decide: () => Promise<R>): Promise<R> {
  try {
    return await decide();
  } catch (error) {
    if (!(error instanceof InvoiceError && error.invoiceStatus)) throw error;
    const t = await getTranslations('finance');
    throw new InvoiceError(error.code, { params: { status: t(`statuses.${error.invoiceStatus}`) } });
  }
}

export const issueInvoiceAction = viewerAction(
  { policy: 'lib/invoices/actions.ts#issueInvoiceAction', schema: z.object({ invoiceId: z.uuid() }) },
  async (input, _viewer, actor) => {
    const t = await getTranslations('finance');
    const result = await deciding(() => issueInvoice(getDb(), { invoiceId: input.invoiceId, actor, now: new Date(), ...issueContext() }));
    return { number: result.number, message: t('actions.issued', { number: result.number }) };
  },
);

export const rejectInvoiceAction = viewerAction(
  { policy: 'lib/invoices/actions.ts#rejectInvoiceAction', schema: z.object({ invoiceId: z.uuid(), reason: z.string().max(5000) }) },
  async (input, _viewer, actor) => {
    const t = await getTranslations('finance');
    await deciding(() => rejectInvoice(getDb(), { invoiceId: input.invoiceId, actor, reason: input.reason, now: new Date() }));
    return { message: t('actions.rejected') };
  },
);

export const issueCreditNoteAction = viewerAction(
  { policy: 'lib/invoices/actions.ts#issueCreditNoteAction', schema: z.object({ invoiceId: z.uuid() }) },
  async (input, _viewer, actor) => {
    const t = await getTranslations('finance');
    const result = await deciding(() => issueCreditNote(getDb(), { invoiceId: input.invoiceId, actor, now: new Date(), ...issueContext() }));
    return { number: result.number, message: t('actions.credited', { number: result.number }) };
  },
);
