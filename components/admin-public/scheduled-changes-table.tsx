'use client';

import { useLocale, useTranslations } from '@/components/shell/client-i18n';
import { withdrawChange } from '@/lib/catalogue/actions';
import { formatExactYuan, ratePercent } from '@/components/charges/format';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { useServerAction } from '@/components/ui/use-server-action';

export interface ScheduledChangeRow {
  id: string;
  kind: 'price' | 'tax_rule';
  serviceId: string | null;
  taxCategory: string;
  unitPrice: string | null;
  taxKind: 'vat' | 'business_tax' | null;
  taxRate: string | null;
  effectiveFrom: string;
  state: 'pending' | 'in_effect' | 'withdrawn';
}

/** Every scheduled change with its state; a pending one can be withdrawn. */
export function ScheduledChangesTable({ changes }: { changes: ScheduledChangeRow[] }) {
  const t = useTranslations('prices');
  const locale = useLocale();
  const action = useServerAction();
  const category = (c: string) => (t.has(`categories.${c}`) ? t(`categories.${c}` as 'categories.it_services') : c);
  const describe = (c: ScheduledChangeRow) =>
    c.kind === 'price'
      ? `${c.serviceId}: ${formatExactYuan(c.unitPrice ?? '0', locale)} · ${category(c.taxCategory)}`
      : `${category(c.taxCategory)}: ${t(`taxKinds.${c.taxKind ?? 'vat'}`, { rate: ratePercent(c.taxRate ?? '0') })}`;
  const state = { pending: t('admin.pending'), in_effect: t('admin.inEffect'), withdrawn: t('admin.withdrawnState') };
  return (
    <section aria-labelledby="scheduled-changes" className="space-y-3">
      <h2 id="scheduled-changes" className="text-lg font-semibold">
        {t('admin.list')}
      </h2>
      {action.feedback ? <Alert tone={action.feedback.tone}>{action.feedback.text}</Alert> : null}
      {changes.length === 0 ? (
        <p className="text-sm">{t('admin.empty')}</p>
      ) : (
        <Table caption={t('admin.listCaption')}>
          <TableHead>
            <Th>{t('upcoming.effectiveFrom')}</Th>
            <Th>{t('admin.change')}</Th>
            <Th>{t('admin.state')}</Th>
            <Th>
              <span className="sr-only">{t('admin.withdraw')}</span>
            </Th>
          </TableHead>
          <tbody>
            {changes.map((c) => (
              <Tr key={c.id}>
                <Td>{c.effectiveFrom}</Td>
                <Th scope="row" className="font-normal">
                  {describe(c)}
                </Th>
                <Td>{state[c.state]}</Td>
                <Td>
                  {c.state === 'pending' ? (
                    <button
                      type="button"
                      disabled={action.pending}
                      className={buttonClasses('secondary')}
                      aria-label={t('admin.withdrawLabel', { date: c.effectiveFrom, change: describe(c) })}
                      onClick={() => action.run(() => withdrawChange({ changeId: c.id }))}
                    >
                      {t('admin.withdraw')}
                    </button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
