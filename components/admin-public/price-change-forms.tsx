'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { schedulePrice, scheduleTaxRule } from '@/lib/catalogue/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

const input = 'mt-1 block w-full max-w-xs rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';
const hint = 'mt-1 text-sm text-slate-600 dark:text-slate-400';
const fieldError = 'mt-1 text-sm font-medium text-red-800 dark:text-red-300';

/** One labelled field with its hint and error, wired for screen readers. */
function Field({ id, label, hintText, error, children }: { id: string; label: string; hintText?: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hintText ? (
        <p id={`${id}-hint`} className={hint}>
          {hintText}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className={fieldError}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, hasHint: boolean, error?: string) => [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

/** Two forms: a new price for a service, and a new tax rule for a category; both effective from a date with notice. */
export function PriceChangeForms({ services, categories, minDate }: { services: { id: string; name: string; unit: string }[]; categories: string[]; minDate: string }) {
  const t = useTranslations('prices');
  const id = useId();
  const price = useServerAction();
  const tax = useServerAction();
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [unitPrice, setUnitPrice] = useState('');
  const [priceDate, setPriceDate] = useState(minDate);
  const [category, setCategory] = useState(categories[0] ?? '');
  const [kind, setKind] = useState<'vat' | 'business_tax'>('vat');
  const [rate, setRate] = useState('');
  const [taxDate, setTaxDate] = useState(minDate);
  const categoryLabel = (c: string) => (t.has(`categories.${c}`) ? t(`categories.${c}` as 'categories.it_services') : c);
  const priceErrors = price.feedback?.fieldErrors ?? {};
  const taxErrors = tax.feedback?.fieldErrors ?? {};

  return (
    <div className="grid gap-8 md:grid-cols-2">
      <form
        aria-labelledby={`${id}-price`}
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          price.run(() => schedulePrice({ serviceId, unitPrice, effectiveFrom: priceDate }));
        }}
      >
        <h2 id={`${id}-price`} className="text-lg font-semibold">
          {t('admin.priceForm')}
        </h2>
        {price.feedback ? <Alert tone={price.feedback.tone}>{price.feedback.text}</Alert> : null}
        <Field id={`${id}-service`} label={t('admin.service')} error={priceErrors.serviceId}>
          <select id={`${id}-service`} value={serviceId} onChange={(e) => setServiceId(e.target.value)} className={input}>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.unit})
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-unitPrice`} label={t('admin.unitPrice')} hintText={t('admin.unitPriceHint')} error={priceErrors.unitPrice}>
          <input
            id={`${id}-unitPrice`}
            required
            inputMode="decimal"
            value={unitPrice}
            onChange={(e) => setUnitPrice(e.target.value)}
            className={input}
            aria-invalid={priceErrors.unitPrice ? true : undefined}
            aria-describedby={describedBy(`${id}-unitPrice`, true, priceErrors.unitPrice)}
          />
        </Field>
        <Field id={`${id}-priceDate`} label={t('admin.effectiveFrom')} hintText={t('admin.effectiveHint', { date: minDate })} error={priceErrors.effectiveFrom}>
          <input
            id={`${id}-priceDate`}
            type="date"
            required
            min={minDate}
            value={priceDate}
            onChange={(e) => setPriceDate(e.target.value)}
            className={input}
            aria-invalid={priceErrors.effectiveFrom ? true : undefined}
            aria-describedby={describedBy(`${id}-priceDate`, true, priceErrors.effectiveFrom)}
          />
        </Field>
        <button type="submit" disabled={price.pending} className={buttonClasses('primary')}>
          {price.pending ? t('admin.scheduling') : t('admin.schedule')}
        </button>
      </form>

      <form
        aria-labelledby={`${id}-tax`}
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          tax.run(() => scheduleTaxRule({ category, kind, rate, effectiveFrom: taxDate }));
        }}
      >
        <h2 id={`${id}-tax`} className="text-lg font-semibold">
          {t('admin.taxForm')}
        </h2>
        {tax.feedback ? <Alert tone={tax.feedback.tone}>{tax.feedback.text}</Alert> : null}
        <Field id={`${id}-category`} label={t('admin.category')} error={taxErrors.category}>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)} className={input}>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-kind`} label={t('admin.taxKind')}>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value === 'business_tax' ? 'business_tax' : 'vat')} className={input}>
            <option value="vat">{t('taxKindNames.vat')}</option>
            <option value="business_tax">{t('taxKindNames.business_tax')}</option>
          </select>
        </Field>
        <Field id={`${id}-rate`} label={t('admin.rate')} hintText={t('admin.rateHint')} error={taxErrors.rate}>
          <input
            id={`${id}-rate`}
            required
            inputMode="decimal"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            className={input}
            aria-invalid={taxErrors.rate ? true : undefined}
            aria-describedby={describedBy(`${id}-rate`, true, taxErrors.rate)}
          />
        </Field>
        <Field id={`${id}-taxDate`} label={t('admin.effectiveFrom')} hintText={t('admin.effectiveHint', { date: minDate })} error={taxErrors.effectiveFrom}>
          <input
            id={`${id}-taxDate`}
            type="date"
            required
            min={minDate}
            value={taxDate}
            onChange={(e) => setTaxDate(e.target.value)}
            className={input}
            aria-invalid={taxErrors.effectiveFrom ? true : undefined}
            aria-describedby={describedBy(`${id}-taxDate`, true, taxErrors.effectiveFrom)}
          />
        </Field>
        <button type="submit" disabled={tax.pending} className={buttonClasses('primary')}>
          {tax.pending ? t('admin.scheduling') : t('admin.schedule')}
        </button>
      </form>
    </div>
  );
}
