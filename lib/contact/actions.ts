'use server';

import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { ContactError } from '@/lib/contact/contact-error';
import { confirmContactAccuracy, cancelPendingContact, setMonthlyStatement, updatePostalAddress } from '@/lib/contact/manage-contact';
import { formatPhone } from '@/lib/contact/phone';
import { requestContactVerification } from '@/lib/contact/request-verification';
import { verifyContactCode } from '@/lib/contact/verify-contact';
import { getDb } from '@/lib/db/client';
import { transportsFromConfig } from '@/lib/notices/mailbox';

/*
 * Contact changes: each is the customer's own act, so all are refused while support views as them.
 * Results carry a message in the viewer's language; the page re-renders the details from the server.
 * A refusal is a ContactError (lib/contact/contact-error.ts), answered by the guard.
 */

const channel = z.enum(['email', 'phone']);

const display = (ch: 'email' | 'phone', value: string) => (ch === 'phone' ? formatPhone(value) : value);

export const requestContactCode = viewerAction(
  { policy: 'lib/contact/actions.ts#requestContactCode', schema: z.object({ channel, value: z.string().max(320) }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('contact');
    const db = getDb();
    const result = await requestContactVerification(db, {
      accountId: viewer.accountId,
      channel: input.channel,
      value: input.value,
      actor,
      // The code message goes out in the user's language.
      locale: viewer.locale ?? (await getLocale()),
      now: new Date(),
      transports: transportsFromConfig(db, config()),
    });
    const value = display(input.channel, result.value);
    const message =
      result.status === 'sent' ? t('result.sent', { value }) : result.status === 'already_sent' ? t('result.alreadySent', { value }) : t('result.unchanged', { value });
    return { status: result.status, value: result.value, message };
  },
);

export const verifyContact = viewerAction(
  { policy: 'lib/contact/actions.ts#verifyContact', schema: z.object({ channel, code: z.string().max(20) }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('contact');
    const code = input.code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) throw new ContactError('code_format');
    const value = await verifyContactCode(getDb(), { accountId: viewer.accountId, channel: input.channel, code, actor, now: new Date() });
    return { value, message: t('result.verified', { value: display(input.channel, value) }) };
  },
);

export const cancelContactChange = viewerAction(
  { policy: 'lib/contact/actions.ts#cancelContactChange', schema: z.object({ channel }) },
  async (input, viewer) => {
    const t = await getTranslations('contact');
    await cancelPendingContact(getDb(), { accountId: viewer.accountId, channel: input.channel, now: new Date() });
    return { message: t('result.cancelled') };
  },
);

export const savePostalAddress = viewerAction(
  { policy: 'lib/contact/actions.ts#savePostalAddress', schema: z.object({ postalAddress: z.string().max(2000) }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('contact');
    const saved = await updatePostalAddress(getDb(), { accountId: viewer.accountId, postalAddress: input.postalAddress, actor, now: new Date() });
    return { postalAddress: saved, message: saved ? t('address.saved') : t('address.cleared') };
  },
);

export const saveStatementPreference = viewerAction(
  { policy: 'lib/contact/actions.ts#saveStatementPreference', schema: z.object({ enabled: z.boolean() }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('contact');
    const enabled = await setMonthlyStatement(getDb(), { accountId: viewer.accountId, enabled: input.enabled, actor, now: new Date() });
    return { enabled, message: enabled ? t('statement.on') : t('statement.off') };
  },
);

export const confirmAccuracy = viewerAction(
  { policy: 'lib/contact/actions.ts#confirmAccuracy', schema: z.object({}) },
  async (_input, viewer, actor) => {
    const t = await getTranslations('contact');
    const format = await getFormatter();
    const at = await confirmContactAccuracy(getDb(), { accountId: viewer.accountId, actor, now: new Date() });
    return { confirmedAt: at.toISOString(), message: t('accuracy.confirmed', { date: format.dateTime(at, { dateStyle: 'long' }) }) };
  },
);
