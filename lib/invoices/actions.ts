'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { DomainError } from '@/lib/errors';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { invoiceTitleTypes } from '@/lib/db/schema';
import { InvoiceError, type InvoiceErrorCode, type InvoiceTitleErrorCode } from './invoice-error';
import { issueCreditNote } from './issue-credit-note';
import { issueInvoice } from './issue-invoice';
import { rejectInvoice } from './reject-invoice';
import { requestInvoice } from './request-invoice';
import { createInvoiceTitle, deleteInvoiceTitle, setDefaultInvoiceTitle, updateInvoiceTitle, type TitleFieldProblem } from './titles';
import { formatCny } from '@/lib/money';

/*
 * Invoice requests and title changes are the customer's own acts: refused while support views as
 * them. Field problems come back per field, in the viewer's language; nothing is written on any.
 * The rules throw their refusals (InvoiceError); `viewerAction` answers them.
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

/** A refused title's field problems (codes) in the viewer's language; the guard translates its message. */
async function withTitleProblems<R>(change: () => Promise<R>): Promise<R> {
  try {
    return await change();
  } catch (error) {
    if (!(error instanceof InvoiceError && error.aboutTitle && error.fieldErrors)) throw error;
    const t = await getTranslations('invoices.titles');
    const fieldErrors: Record<string, string> = {};
    for (const [field, problem] of Object.entries(error.fieldErrors)) fieldErrors[field] = t(`problems.${problem as TitleFieldProblem}`);
    throw new InvoiceError(error.code as InvoiceTitleErrorCode, { title: true, fieldErrors });
  }
}

export const saveInvoiceTitle = viewerAction(
  { policy: 'lib/invoices/actions.ts#saveInvoiceTitle', schema: titleSchema },
  async (input, viewer, actor) => {
    const { id, ...title } = input;
    const db = getDb();
    const now = new Date();
    const saved = await withTitleProblems(() =>
      id ? updateInvoiceTitle(db, { accountId: viewer.accountId, titleId: id, title, now, actor }) : createInvoiceTitle(db, { accountId: viewer.accountId, title, now, actor }),
    );
    const t = await getTranslations('invoices.titles');
    return { id: saved.id, message: t('saved') };
  },
);

export const deleteInvoiceTitleAction = viewerAction(
  { policy: 'lib/invoices/actions.ts#deleteInvoiceTitleAction', schema: z.object({ id: z.uuid() }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('invoices.titles');
    await deleteInvoiceTitle(getDb(), { accountId: viewer.accountId, titleId: input.id, now: new Date(), actor });
    return { message: t('deleted') };
  },
);

export const makeDefaultInvoiceTitle = viewerAction(
  { policy: 'lib/invoices/actions.ts#makeDefaultInvoiceTitle', schema: z.object({ id: z.uuid() }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('invoices.titles');
    await setDefaultInvoiceTitle(getDb(), { accountId: viewer.accountId, titleId: input.id, now: new Date(), actor });
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
    throw new InvoiceError(error.code as InvoiceErrorCode, { params: { status: t(`statuses.${error.invoiceStatus}`) } });
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
