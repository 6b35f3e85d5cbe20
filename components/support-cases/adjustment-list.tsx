import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { formatCny } from '@/lib/money';
import type { CaseAdjustment } from '@/lib/support-cases/queries';

/** The adjustments of a question with both names: who asked for each, and who approved or rejected it. */
export function AdjustmentList({ adjustments }: { adjustments: CaseAdjustment[] }) {
  const t = useTranslations('supportCases.adjustments');
  const format = useFormatter();
  const locale = useLocale();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="adjustments-heading" className="mb-6">
      <h2 id="adjustments-heading" className="mb-3 text-lg font-semibold">
        {t('heading')}
      </h2>
      {adjustments.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('none')}</p>
      ) : (
        <Table caption={t('caption')}>
          <TableHead>
            <Th numeric>{t('amount')}</Th>
            <Th>{t('reason')}</Th>
            <Th>{t('status')}</Th>
            <Th>{t('names')}</Th>
          </TableHead>
          <tbody>
            {adjustments.map((a) => (
              <Tr key={a.id} data-testid="case-adjustment" data-status={a.status}>
                <Td numeric>{formatCny(a.amountFen, locale)}</Td>
                <Td className="whitespace-pre-wrap break-words">{a.reason}</Td>
                <Td>{t(`states.${a.status}`)}</Td>
                <Td>
                  <span className="block">{t('requested', { name: a.requestedByName, at: when(a.requestedAt) })}</span>
                  {a.status === 'approved' && a.decidedByName && a.decidedAt ? <span className="block">{t('approved', { name: a.decidedByName, at: when(a.decidedAt) })}</span> : null}
                  {a.status === 'rejected' && a.decidedByName && a.decidedAt ? (
                    <span className="block">{t('rejected', { name: a.decidedByName, at: when(a.decidedAt), reason: a.rejectionReason ?? '' })}</span>
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
