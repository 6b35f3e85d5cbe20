import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { CaseListItem } from '@/lib/support-cases/queries';

/**
 * A list of questions: the customer's own (`customer`), or support's queue of open ones, oldest first
 * (`support`, with the customer's name and the adjustments waiting).
 */
export function CaseList({ cases, audience, caption }: { cases: CaseListItem[]; audience: 'customer' | 'support'; caption: string }) {
  const t = useTranslations('supportCases');
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const href = (id: string) => (audience === 'customer' ? `/support-cases/${id}` : `/support/cases/${id}`);
  return (
    <Table caption={caption}>
      <TableHead>
        <Th>{t('list.number')}</Th>
        {audience === 'support' ? <Th>{t('support.customer')}</Th> : null}
        <Th>{t('list.about')}</Th>
        <Th>{t('list.status')}</Th>
        <Th>{audience === 'support' ? t('support.asked') : t('list.updated')}</Th>
      </TableHead>
      <tbody>
        {cases.map((c) => (
          <Tr key={c.id} data-testid="case-row" data-case-id={c.id}>
            <Td>
              <Link href={href(c.id)} className="font-medium underline underline-offset-2" aria-label={t('list.open', { number: c.number.toString() })}>
                #{c.number.toString()}
              </Link>
            </Td>
            {audience === 'support' ? (
              <Td>
                {c.accountName} <span className="font-mono text-xs">({c.accountId})</span>
              </Td>
            ) : null}
            <Td>{c.serviceDay ? t('charge.day', { day: c.serviceDay }) : `#${c.transferId?.toString() ?? ''}`}</Td>
            <Td>
              <span className="block">{t(`status.${c.status}`)}</span>
              {c.status === 'open' ? (
                <span className="block text-xs text-slate-600 dark:text-slate-400">{c.lastAuthorKind === 'staff' ? t('list.answered') : t('list.waiting')}</span>
              ) : null}
              {audience === 'support' && c.pendingAdjustments > 0 ? (
                <span className="block text-xs text-amber-800 dark:text-amber-300">{t('support.pending', { count: c.pendingAdjustments })}</span>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">{when(audience === 'support' ? c.createdAt : c.updatedAt)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
