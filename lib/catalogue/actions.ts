'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import type { ActorRef } from '@/lib/audit/actor';
import { viewerAction } from '@/lib/auth/guard';
import { PriceScheduleError, schedulePriceChange, scheduleTaxRuleChange, withdrawPriceChange } from '@/lib/catalogue/price-schedule';
import { percentToRate } from '@/lib/catalogue/rate-input';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { taxKinds } from '@/lib/db/schema';
import { expirePublicData, PUBLIC_DATA_TAGS } from '@/lib/public-data/cache';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const priceSchema = z.object({
  serviceId: z.string().trim().min(1).max(64),
  unitPrice: z.string().trim().max(30),
  taxCategory: z.string().trim().max(64).optional(),
  effectiveFrom: date,
});

const taxSchema = z.object({
  category: z.string().trim().min(1).max(64),
  kind: z.enum(taxKinds),
  rate: z.string().trim().max(30),
  effectiveFrom: date,
});

const context = (actor: ActorRef) => {
  const cfg = config();
  return { actor, now: new Date(), timeZone: cfg.billingTimeZone, noticeDays: cfg.priceNoticeDays };
};

/** Schedules a new price for a service (admins only) and notifies every customer. */
export const schedulePrice = viewerAction({ policy: 'lib/catalogue/actions.ts#schedulePrice', schema: priceSchema }, async (input, _viewer, actor) => {
  const result = await schedulePriceChange(getDb(), { ...input, taxCategory: input.taxCategory || undefined }, context(actor));
  expirePublicData(PUBLIC_DATA_TAGS.prices);
  const t = await getTranslations('prices');
  return { message: t('admin.scheduled', { count: result.noticesCreated }) };
});

/** Schedules a new tax rule for a category (admins only) and notifies every customer. */
export const scheduleTaxRule = viewerAction({ policy: 'lib/catalogue/actions.ts#scheduleTaxRule', schema: taxSchema }, async (input, _viewer, actor) => {
  const rate = percentToRate(input.rate);
  if (rate === null) throw new PriceScheduleError('invalid_rate', 'rate');
  const result = await scheduleTaxRuleChange(getDb(), { category: input.category, kind: input.kind, rate, effectiveFrom: input.effectiveFrom }, context(actor));
  expirePublicData(PUBLIC_DATA_TAGS.prices);
  const t = await getTranslations('prices');
  return { message: t('admin.scheduled', { count: result.noticesCreated }) };
});

/** Withdraws a scheduled change before it takes effect (admins only). */
export const withdrawChange = viewerAction({ policy: 'lib/catalogue/actions.ts#withdrawChange', schema: z.object({ changeId: z.uuid() }) }, async (input, _viewer, actor) => {
  await withdrawPriceChange(getDb(), { changeId: input.changeId, actor, now: new Date(), timeZone: config().billingTimeZone });
  expirePublicData(PUBLIC_DATA_TAGS.prices);
  const t = await getTranslations('prices');
  return { message: t('admin.withdrawn') };
});
