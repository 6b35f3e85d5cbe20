'use server';

import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction } from '@/lib/auth/guard';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import type { Viewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { confirmContactAccuracy, cancelPendingContact, POSTAL_ADDRESS_MAX_LENGTH, setMonthlyStatement, updatePostalAddress } from '@/lib/contact/manage-contact';
import { formatPhone } from '@/lib/contact/phone';
import { requestContactVerification } from '@/lib/contact/request-verification';
import { verifyContactCode } from '@/lib/contact/verify-contact';
import { getDb } from '@/lib/db/client';
import { transportsFromConfig } from '@/lib/notices/mailbox';

/*
 * Contact changes: each is the customer's own act, so all are refused while support views as them.
 * Results carry a message in the viewer's language; the page re-renders the details from the server.
 */

const channel = z.enum(['email', 'phone']);

const display = (ch: 'email' | 'phone', value: string) => (ch === 'phone' ? formatPhone(value) : value);

async function requestMeta(viewer: Viewer, actor: Actor) {
  const locale = viewer.locale ?? (await getLocale());
  return { ip: actor.ip, locale, actorName: actor.name };
}

export const requestContactCode = viewerAction(
  { policy: 'lib/contact/actions.ts#requestContactCode', schema: z.object({ channel, value: z.string().max(320) }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('contact');
    const format = await getFormatter();
    const { ip, locale } = await requestMeta(viewer, actor);
    const now = new Date();
    const db = getDb();
    const result = await requestContactVerification(db, {
      accountId: viewer.accountId,
      channel: input.channel,
      value: input.value,
      requestedByUserId: viewer.userId,
      ip,
      locale,
      now,
      transports: transportsFromConfig(db, config()),
    });
    if (!result.ok) {
      const seconds = 'retryAt' in result ? Math.max(1, Math.ceil((result.retryAt.getTime() - now.getTime()) / 1000)) : 0;
      const time = 'retryAt' in result ? format.dateTime(result.retryAt, { hour: '2-digit', minute: '2-digit' }) : '';
      const messages: Record<typeof result.code, string> = {
        invalid_email: t('errors.invalidEmail'),
        invalid_phone: t('errors.invalidPhone'),
        not_mobile: t('errors.notMobile'),
        cooldown: t('errors.cooldown', { seconds }),
        rate_limited_account: t('errors.rateLimitedAccount', { time }),
        rate_limited_ip: t('errors.rateLimitedIp', { time }),
        recipient_refused: t('errors.recipientRefused'),
        send_failed: t('errors.sendFailed'),
      };
      const message = messages[result.code];
      const onField = ['invalid_email', 'invalid_phone', 'not_mobile', 'recipient_refused'].includes(result.code);
      throw new DomainError(result.code, message, { field: onField ? 'value' : undefined });
    }
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
    if (!/^\d{6}$/.test(code)) throw new DomainError('code_format', t('errors.codeFormat'), { field: 'code' });
    const { ip, actorName } = await requestMeta(viewer, actor);
    const result = await verifyContactCode(getDb(), { accountId: viewer.accountId, channel: input.channel, code, userId: viewer.userId, actorName, ip, now: new Date() });
    if (!result.ok) {
      const message =
        result.code === 'wrong_code'
          ? t('errors.wrongCode', { count: result.attemptsLeft })
          : result.code === 'locked'
            ? t('errors.locked')
            : result.code === 'expired'
              ? t('errors.expired')
              : t('errors.noPending');
      throw new DomainError(result.code, message, { field: result.code === 'wrong_code' ? 'code' : undefined });
    }
    return { value: result.value, message: t('result.verified', { value: display(input.channel, result.value) }) };
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
    if (input.postalAddress.trim().length > POSTAL_ADDRESS_MAX_LENGTH) {
      throw new DomainError('too_long', t('errors.addressTooLong'), { field: 'postalAddress' });
    }
    const { ip, actorName } = await requestMeta(viewer, actor);
    const saved = await updatePostalAddress(getDb(), { accountId: viewer.accountId, postalAddress: input.postalAddress, userId: viewer.userId, actorName, ip, now: new Date() });
    return { postalAddress: saved, message: saved ? t('address.saved') : t('address.cleared') };
  },
);

export const saveStatementPreference = viewerAction(
  { policy: 'lib/contact/actions.ts#saveStatementPreference', schema: z.object({ enabled: z.boolean() }) },
  async (input, viewer, actor) => {
    const t = await getTranslations('contact');
    const { ip, actorName } = await requestMeta(viewer, actor);
    const enabled = await setMonthlyStatement(getDb(), { accountId: viewer.accountId, enabled: input.enabled, userId: viewer.userId, actorName, ip, now: new Date() });
    return { enabled, message: enabled ? t('statement.on') : t('statement.off') };
  },
);

export const confirmAccuracy = viewerAction(
  { policy: 'lib/contact/actions.ts#confirmAccuracy', schema: z.object({}) },
  async (_input, viewer, actor) => {
    const t = await getTranslations('contact');
    const format = await getFormatter();
    const { ip, actorName } = await requestMeta(viewer, actor);
    const at = await confirmContactAccuracy(getDb(), { accountId: viewer.accountId, userId: viewer.userId, actorName, ip, now: new Date() });
    return { confirmedAt: at.toISOString(), message: t('accuracy.confirmed', { date: format.dateTime(at, { dateStyle: 'long' }) }) };
  },
);
