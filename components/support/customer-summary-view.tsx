import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { ChannelDetails } from '@/lib/contact/contact-details';
import { formatPhone } from '@/lib/contact/phone';
import { formatCny } from '@/lib/money';
import type { CustomerSummary } from '@/lib/support/customer-summary';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-1.5 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-sm sm:col-span-2">{children}</dd>
    </div>
  );
}

/** The customer as support sees them before viewing as them: read-only. */
export async function CustomerSummaryView({ summary }: { summary: CustomerSummary }) {
  const t = await getTranslations('support');
  const format = await getFormatter();
  const locale = await getLocale();
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const { account, wallet, contacts } = summary;

  const channel = (details: ChannelDetails, show: (v: string) => string) => (
    <>
      {details.verified ? (
        <span>
          {show(details.verified)}
          {details.verifiedAt ? <span className="text-slate-600 dark:text-slate-400"> · {t('customer.verifiedOn', { date: date(details.verifiedAt) })}</span> : null}
        </span>
      ) : (
        t('customer.none')
      )}
      {details.pending ? <span className="block text-xs text-slate-600 dark:text-slate-400">{t('customer.pendingChange', { value: show(details.pending.value) })}</span> : null}
    </>
  );

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card aria-labelledby="summary-account-heading">
        <h2 id="summary-account-heading" className="text-lg font-semibold">
          {t('customer.summary')}
        </h2>
        <dl className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
          <Field label={t('customer.accountId')}>
            <span className="font-mono" data-testid="customer-account-id">
              {account.id}
            </span>
          </Field>
          <Field label={t('customer.kind')}>{t(`kind.${account.kind}`)}</Field>
          <Field label={t('customer.residence')}>{t(`residence.${account.residence ?? 'unknown'}`)}</Field>
          <Field label={t('customer.createdAt')}>{date(account.createdAt)}</Field>
          <Field label={t('customer.declaration')}>{account.declaredAt ? t('customer.declaredAt', { date: date(account.declaredAt) }) : t('customer.notDeclared')}</Field>
          <Field label={t('customer.lastSignIn')}>{summary.lastSignInAt ? date(summary.lastSignInAt) : t('customer.never')}</Field>
          <Field label={t('customer.people')}>
            <ul>
              {summary.users.map((u) => (
                <li key={u.email}>
                  {u.name} · {u.email}
                </li>
              ))}
            </ul>
          </Field>
        </dl>
      </Card>

      <Card aria-labelledby="summary-money-heading">
        <h2 id="summary-money-heading" className="text-lg font-semibold">
          {t('customer.money')}
        </h2>
        {wallet ? (
          <dl className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            <Field label={t('customer.status')}>
              <span data-testid="customer-status" className={wallet.status === 'suspended' ? 'font-semibold text-red-700 dark:text-red-400' : 'font-semibold text-emerald-700 dark:text-emerald-400'}>
                {t(`customer.${wallet.status}`)}
              </span>
              {wallet.suspendedAt ? <span> {t('customer.suspendedSince', { date: date(wallet.suspendedAt) })}</span> : null}
            </Field>
            <Field label={t('customer.balance')}>
              <span className="font-mono" data-testid="customer-balance">
                {formatCny(wallet.balanceFen, locale)}
              </span>
            </Field>
            {wallet.serviceArrearsFen > 0n ? <Field label={t('customer.serviceArrears')}>{formatCny(wallet.serviceArrearsFen, locale)}</Field> : null}
            {wallet.penaltyArrearsFen > 0n ? <Field label={t('customer.penaltyArrears')}>{formatCny(wallet.penaltyArrearsFen, locale)}</Field> : null}
            <Field label={t('customer.invoiceRequests')}>
              <span data-testid="customer-open-invoice-requests">
                {t('customer.invoiceRequestsOpen', { count: summary.openInvoiceRequests.count, amount: formatCny(summary.openInvoiceRequests.grossFen, locale) })}
              </span>
            </Field>
          </dl>
        ) : (
          <p className="mt-2 text-sm">{t('customer.noWallet')}</p>
        )}
      </Card>

      <Card aria-labelledby="summary-contacts-heading" className="lg:col-span-2">
        <h2 id="summary-contacts-heading" className="text-lg font-semibold">
          {t('customer.contacts')}
        </h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t('customer.contactsReadOnly')}</p>
        <dl className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
          <Field label={t('customer.email')}>{channel(contacts.email, (v) => v)}</Field>
          <Field label={t('customer.phone')}>{channel(contacts.phone, formatPhone)}</Field>
          <Field label={t('customer.postalAddress')}>{contacts.postalAddress ?? t('customer.none')}</Field>
          <Field label={t('customer.accuracyConfirmed')}>
            {contacts.accuracyConfirmedAt ? date(contacts.accuracyConfirmedAt) : t('customer.accuracyNever')}
            {contacts.prompt ? <span className="block text-xs text-amber-800 dark:text-amber-300">{t('customer.accuracyPrompt')}</span> : null}
          </Field>
        </dl>
      </Card>
    </div>
  );
}
