import Link from 'next/link';
import { TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { MovementView } from '@/lib/charges/history-view';
import { formatChange, formatExactYuan, formatQuantity, formatYuan, ratePercent } from './format';

/*
 * The rows of wallet movements, shared by the overview's latest entries (rendered on the server,
 * ./movement-table.tsx) and the history's infinite list (a client component): no state and no i18n
 * import of their own. The caller passes `i18n`, made with its own hooks (next-intl's on the server,
 * ../shell/client-i18n in the browser), so the browser never gets next-intl's client runtime.
 */

/** The `charges` messages, dates and times in the billing time zone, and the locale. */
export interface MovementI18n {
  t: { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };
  dateTime: (value: Date, options: Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>) => string;
  locale: string;
}

const top = 'align-top';
const figure = 'align-top whitespace-nowrap';

export function MovementTableHead({ i18n }: { i18n: MovementI18n }) {
  const t = (key: string) => i18n.t(`table.${key}`);
  return (
    <TableHead>
      <Th>{t('posted')}</Th>
      <Th>{t('movement')}</Th>
      <Th>{t('day')}</Th>
      <Th numeric>{t('quantity')}</Th>
      <Th numeric>{t('unitPrice')}</Th>
      <Th numeric>{t('net')}</Th>
      <Th numeric>{t('tax')}</Th>
      <Th numeric>{t('amount')}</Th>
      <Th numeric>{t('balanceAfter')}</Th>
    </TableHead>
  );
}

export function MovementRow({ entry, i18n }: { entry: MovementView; i18n: MovementI18n }) {
  const { t, locale } = i18n;
  const serviceLabel = (serviceId: string) => (t.has(`services.${serviceId}`) ? t(`services.${serviceId}`) : serviceId);
  const yuan = (value: string) => formatYuan(value, locale);
  const line = entry.line;
  const when = (iso: string) => i18n.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  let title = t(`kinds.${entry.kind}`);
  if (line) title = `${title} · ${serviceLabel(line.service)}`;
  let detail: string | null = null;
  if (entry.penalty) {
    detail = t('penaltyDetail', {
      index: entry.penalty.periodIndex,
      from: when(entry.penalty.periodStart),
      to: when(entry.penalty.periodEnd),
      rate: ratePercent(entry.penalty.rate),
      base: yuan(entry.penalty.base),
    });
  } else if (line?.kind === 'sla_credit') {
    detail = entry.incidents.length > 0 ? t('creditDetail', { incidents: entry.incidents.join(', ') }) : null;
  } else if (entry.adjustment) {
    detail = t('adjustmentDetail', { number: entry.adjustment.caseNumber, requestedBy: entry.adjustment.requestedBy, approvedBy: entry.adjustment.approvedBy });
  } else if (entry.reference) {
    detail = t('reference', { reference: entry.reference });
  }

  return (
    <Tr data-testid="movement-row" data-type={entry.type} data-id={entry.id}>
      <Td className={figure}>{when(entry.postedAt)}</Td>
      <Td className={top}>
        <span className="font-medium">{title}</span>
        {detail ? (
          <span className="block text-xs text-slate-600 dark:text-slate-400" data-testid={entry.adjustment ? 'adjustment-detail' : undefined}>
            {entry.adjustment ? (
              <Link href={`/support-cases/${entry.adjustment.caseId}`} className="underline underline-offset-2">
                {detail}
              </Link>
            ) : (
              detail
            )}
          </span>
        ) : null}
        <Link
          href={`/support-cases/new?transfer=${entry.id}`}
          className="mt-1 block text-xs underline underline-offset-2"
          aria-label={t('askAboutLabel', { movement: title, at: when(entry.postedAt) })}
          data-testid="ask-about-movement"
        >
          {t('askAbout')}
        </Link>
      </Td>
      <Td className={figure}>
        {line ? (
          <Link href={`/charges/day/${line.day}`} className="underline underline-offset-2" aria-label={t('dayLink', { day: line.day })}>
            {line.day}
          </Link>
        ) : entry.penalty?.day ? (
          <Link href={`/charges/day/${entry.penalty.day}`} className="underline underline-offset-2" aria-label={t('dayLink', { day: entry.penalty.day })}>
            {entry.penalty.day}
          </Link>
        ) : null}
      </Td>
      <Td numeric className={figure}>
        {line ? (line.kind === 'sla_credit' ? t('minutes', { minutes: line.quantity }) : `${formatQuantity(line.quantity, locale)} ${line.unit}`) : null}
      </Td>
      <Td numeric className={figure}>
        {line?.unitPrice ? t('perUnit', { price: formatExactYuan(line.unitPrice, locale), unit: line.unit }) : null}
      </Td>
      <Td numeric className={figure}>{line ? yuan(line.net) : entry.penalty ? yuan(entry.penalty.net) : null}</Td>
      <Td numeric className={figure}>
        {line ? (
          <>
            <span className="block">{yuan(line.tax)}</span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">{t(`taxKinds.${line.taxKind}`, { rate: ratePercent(line.taxRate) })}</span>
          </>
        ) : entry.penalty ? (
          <>
            <span className="block">{yuan(entry.penalty.tax)}</span>
            {entry.penalty.parts.map((part) => (
              <span key={`${part.taxKind}:${part.taxRate}`} className="block text-xs text-slate-600 dark:text-slate-400">
                {t('penaltyPart', { tax: t(`taxKinds.${part.taxKind}`, { rate: ratePercent(part.taxRate) }), gross: yuan(part.gross), amount: yuan(part.tax) })}
              </span>
            ))}
          </>
        ) : null}
      </Td>
      <Td numeric className={`${figure} font-medium ${entry.amount.startsWith('-') ? '' : 'text-emerald-800 dark:text-emerald-300'}`}>
        {formatChange(entry.amount, locale)}
      </Td>
      <Td numeric className={figure}>{yuan(entry.balanceAfter)}</Td>
    </Tr>
  );
}
