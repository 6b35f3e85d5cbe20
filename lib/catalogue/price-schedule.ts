import { and, desc, eq, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { ActorRef } from '@/lib/audit/actor';
import type { Db } from '@/lib/db/client';
import { priceChanges, prices, services, taxRules, type TaxKind } from '@/lib/db/schema';
import enCharges from '@/lib/i18n/messages/en/charges.json';
import enPrices from '@/lib/i18n/messages/en/prices.json';
import zhCharges from '@/lib/i18n/messages/zh-CN/charges.json';
import zhPrices from '@/lib/i18n/messages/zh-CN/prices.json';
import { MoneyDecimal } from '@/lib/money';
import { broadcastNotice } from '@/lib/notices/broadcast-notice';
import { addDays, calendarDateIn, isIsoDate } from '@/lib/time/zoned-date';
import { loadCatalogue, resolveDayRate } from './rates';
import { DomainError } from '@/lib/errors';

const MESSAGE_KEYS = {
  too_soon: 'tooSoon',
  unknown_service: 'unknownService',
  unknown_category: 'unknownCategory',
  same_day: 'sameDay',
  invalid_price: 'invalidPrice',
  invalid_rate: 'invalidRate',
  not_found: 'notFound',
  already_withdrawn: 'alreadyWithdrawn',
  in_effect: 'inEffect',
} as const;

/** A change an admin can fix: the form shows it next to the field (message `prices.admin.errors.<key>`). */
export class PriceScheduleError extends DomainError<keyof typeof MESSAGE_KEYS> {
  constructor(code: keyof typeof MESSAGE_KEYS, field: string | undefined, params: Record<string, string | number> = {}) {
    super(code, code, { field, messageKey: `prices.admin.errors.${MESSAGE_KEYS[code]}`, params });
  }
}

interface ScheduleContext {
  /** Who schedules the change (null: the system, e.g. a script). */
  actor: ActorRef | null;
  now: Date;
  timeZone: string;
  /** PRICE_NOTICE_DAYS: the effective date is at least this many days after today. */
  noticeDays: number;
}

export interface PriceChangeInput {
  serviceId: string;
  /** Yuan per unit excluding VAT, up to 6 decimals. */
  unitPrice: string;
  /** The service's tax category from then on; default: the one in force before. */
  taxCategory?: string;
  effectiveFrom: string;
}

export interface TaxRuleChangeInput {
  category: string;
  kind: TaxKind;
  /** A fraction, e.g. "0.06". */
  rate: string;
  effectiveFrom: string;
}

/** The earliest date a change may take effect: today (billing time zone) + the notice period. */
export function earliestEffectiveDate(now: Date, timeZone: string, noticeDays: number): string {
  return addDays(calendarDateIn(now, timeZone), noticeDays);
}

function checkEffectiveDate(effectiveFrom: string, ctx: ScheduleContext): void {
  const earliest = earliestEffectiveDate(ctx.now, ctx.timeZone, ctx.noticeDays);
  if (!isIsoDate(effectiveFrom) || effectiveFrom < earliest) throw new PriceScheduleError('too_soon', 'effectiveFrom', { date: earliest, days: ctx.noticeDays });
}

const translators = {
  en: createTranslator({ locale: 'en', messages: { prices: enPrices }, namespace: 'prices' }),
  zh: createTranslator({ locale: 'zh-CN', messages: { prices: zhPrices }, namespace: 'prices' }),
};
const serviceNames = { en: enCharges.services as Record<string, string>, zh: zhCharges.services as Record<string, string> };
const yuan = (value: string) => `¥${new MoneyDecimal(value).toFixed()}`;

const categoryNames = { en: enPrices.categories as Record<string, string>, zh: zhPrices.categories as Record<string, string> };

function categoryName(lang: 'en' | 'zh', category: string): string {
  return categoryNames[lang][category] ?? category;
}

function taxLabel(lang: 'en' | 'zh', kind: TaxKind, rate: string): string {
  return translators[lang](`taxKinds.${kind}`, { rate: new MoneyDecimal(rate).times(100).toFixed() });
}

/** Tells every customer account about a scheduled change (notice centre, email, SMS), once each. */
async function notifyEveryCustomer(db: Db, changeId: string, text: { changeEn: string; changeZh: string }, effectiveOn: string, now: Date): Promise<number> {
  return broadcastNotice(db, { accounts: 'all', kind: 'price_change', params: { ...text, effectiveOn }, dedupePrefix: `price_change:${changeId}:`, now });
}

const PRICE_PATTERN = /^\d{1,12}(\.\d{1,6})?$/;

/** Schedules a new price for a service (a `prices` row effective from the date) and notifies every customer. */
export async function schedulePriceChange(db: Db, input: PriceChangeInput, ctx: ScheduleContext): Promise<{ id: string; noticesCreated: number }> {
  if (!PRICE_PATTERN.test(input.unitPrice)) throw new PriceScheduleError('invalid_price', 'unitPrice');
  checkEffectiveDate(input.effectiveFrom, ctx);
  return db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, input.serviceId));
    if (!service) throw new PriceScheduleError('unknown_service', 'serviceId');
    const catalogue = await loadCatalogue(tx);
    const before = resolveDayRate(catalogue, service.id, addDays(input.effectiveFrom, -1));
    const taxCategory = input.taxCategory ?? before?.taxCategory;
    const knownCategories = new Set([...catalogue.taxRules.map((r) => r.category), ...catalogue.prices.map((p) => p.taxCategory)]);
    if (!taxCategory || !knownCategories.has(taxCategory)) throw new PriceScheduleError('unknown_category', 'taxCategory');
    const [price] = await tx
      .insert(prices)
      .values({ serviceId: service.id, effectiveFrom: input.effectiveFrom, unitPrice: input.unitPrice, unit: service.unit, taxCategory })
      .onConflictDoNothing()
      .returning({ id: prices.id });
    if (!price) throw new PriceScheduleError('same_day', 'effectiveFrom');
    const [change] = await tx
      .insert(priceChanges)
      .values({
        kind: 'price',
        serviceId: service.id,
        taxCategory,
        unitPrice: input.unitPrice,
        effectiveFrom: input.effectiveFrom,
        priceId: price.id,
        scheduledAt: ctx.now,
        scheduledByUserId: ctx.actor?.userId ?? null,
      })
      .returning({ id: priceChanges.id });
    const describe = (lang: 'en' | 'zh') =>
      translators[lang]('change.price', {
        service: serviceNames[lang][service.id] ?? service.name,
        from: before ? yuan(before.unitPrice) : '—',
        to: yuan(input.unitPrice),
        unit: service.unit,
      });
    const noticesCreated = await notifyEveryCustomer(tx, change.id, { changeEn: describe('en'), changeZh: describe('zh') }, input.effectiveFrom, ctx.now);
    return { id: change.id, noticesCreated };
  });
}

/** Schedules a new tax rule for a category (a `tax_rules` row effective from the date) and notifies every customer. */
export async function scheduleTaxRuleChange(db: Db, input: TaxRuleChangeInput, ctx: ScheduleContext): Promise<{ id: string; noticesCreated: number }> {
  if (!/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/.test(input.rate)) throw new PriceScheduleError('invalid_rate', 'rate');
  checkEffectiveDate(input.effectiveFrom, ctx);
  return db.transaction(async (tx) => {
    const rules = await tx.select().from(taxRules).where(eq(taxRules.category, input.category)).orderBy(taxRules.effectiveFrom);
    if (rules.length === 0) throw new PriceScheduleError('unknown_category', 'category');
    const before = rules.filter((r) => r.effectiveFrom < input.effectiveFrom).at(-1) ?? null;
    const [rule] = await tx
      .insert(taxRules)
      .values({ category: input.category, kind: input.kind, rate: input.rate, effectiveFrom: input.effectiveFrom })
      .onConflictDoNothing()
      .returning({ id: taxRules.id });
    if (!rule) throw new PriceScheduleError('same_day', 'effectiveFrom');
    const [change] = await tx
      .insert(priceChanges)
      .values({
        kind: 'tax_rule',
        taxCategory: input.category,
        taxKind: input.kind,
        taxRate: input.rate,
        effectiveFrom: input.effectiveFrom,
        taxRuleId: rule.id,
        scheduledAt: ctx.now,
        scheduledByUserId: ctx.actor?.userId ?? null,
      })
      .returning({ id: priceChanges.id });
    const describe = (lang: 'en' | 'zh') =>
      translators[lang]('change.tax', {
        category: categoryName(lang, input.category),
        from: before ? taxLabel(lang, before.kind, before.rate) : '—',
        to: taxLabel(lang, input.kind, input.rate),
      });
    const noticesCreated = await notifyEveryCustomer(tx, change.id, { changeEn: describe('en'), changeZh: describe('zh') }, input.effectiveFrom, ctx.now);
    return { id: change.id, noticesCreated };
  });
}

/**
 * Withdraws a scheduled change before it takes effect: deletes the catalogue row it added (billing
 * never used it: its first day has not begun) and records who withdrew it. From its effective day on
 * the change is part of the price list for good and is refused here.
 */
export async function withdrawPriceChange(db: Db, input: { changeId: string; actor: ActorRef | null; now: Date; timeZone: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [change] = await tx.select().from(priceChanges).where(eq(priceChanges.id, input.changeId)).for('update');
    if (!change) throw new PriceScheduleError('not_found', undefined);
    if (change.withdrawnAt) throw new PriceScheduleError('already_withdrawn', undefined);
    if (change.effectiveFrom <= calendarDateIn(input.now, input.timeZone)) throw new PriceScheduleError('in_effect', undefined);
    if (change.priceId !== null) await tx.delete(prices).where(eq(prices.id, change.priceId));
    if (change.taxRuleId !== null) await tx.delete(taxRules).where(eq(taxRules.id, change.taxRuleId));
    await tx
      .update(priceChanges)
      .set({ withdrawnAt: input.now, withdrawnByUserId: input.actor?.userId ?? null })
      .where(and(eq(priceChanges.id, change.id), sql`${priceChanges.withdrawnAt} is null`));
  });
}

export interface ScheduledChange {
  id: string;
  kind: 'price' | 'tax_rule';
  serviceId: string | null;
  taxCategory: string;
  unitPrice: string | null;
  taxKind: TaxKind | null;
  taxRate: string | null;
  effectiveFrom: string;
  scheduledAt: Date;
  withdrawnAt: Date | null;
  state: 'pending' | 'in_effect' | 'withdrawn';
}

/** Every change ever scheduled, latest effective date first, with its state today. */
export async function listPriceChanges(db: Db, ctx: { now: Date; timeZone: string }): Promise<ScheduledChange[]> {
  const today = calendarDateIn(ctx.now, ctx.timeZone);
  const rows = await db.select().from(priceChanges).orderBy(desc(priceChanges.effectiveFrom), desc(priceChanges.scheduledAt));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    serviceId: r.serviceId,
    taxCategory: r.taxCategory,
    unitPrice: r.unitPrice === null ? null : new MoneyDecimal(r.unitPrice).toFixed(),
    taxKind: r.taxKind,
    taxRate: r.taxRate === null ? null : new MoneyDecimal(r.taxRate).toFixed(),
    effectiveFrom: r.effectiveFrom,
    scheduledAt: r.scheduledAt,
    withdrawnAt: r.withdrawnAt,
    state: r.withdrawnAt ? 'withdrawn' : r.effectiveFrom <= today ? 'in_effect' : 'pending',
  }));
}
