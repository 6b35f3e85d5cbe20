import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { CreditLineExplanation, DayDetail, UsageLineExplanation } from '@/lib/charges/day-detail';
import { fenToDecimalString, MoneyDecimal } from '@/lib/money';
import { FocusableTable } from './focusable-table';
import { formatExactYuan, formatQuantity, formatYuan, ratePercent } from './format';

const figure = 'align-top whitespace-nowrap';

/** Exact fen (possibly fractional) as exact yuan. */
const fenExactToYuan = (fen: string) => new MoneyDecimal(fen).dividedBy(100).toFixed();

interface ComputedRow {
  key: string;
  testId: string;
  label: string;
  /** The arithmetic that produced the row, one step a line. */
  steps: string[];
  note?: string | null;
  net: string;
  tax: string;
  gross: string;
}

/**
 * A table of lines with the arithmetic of each: a service day's charge lines and a penalty's parts
 * share it. The footer sums the gross (and, given, net and tax) under its label.
 */
function ComputedLinesTable(props: {
  caption: string;
  headings: { line: string; computation: string; net: string; tax: string; gross: string };
  rows: ComputedRow[];
  total: { label: string; net?: string; tax?: string; gross: string };
}) {
  const { caption, headings, rows, total } = props;
  const withParts = total.net !== undefined && total.tax !== undefined;
  return (
    <FocusableTable caption={caption} className="mt-3">
      <TableHead>
        <Th>{headings.line}</Th>
        <Th>{headings.computation}</Th>
        <Th numeric>{headings.net}</Th>
        <Th numeric>{headings.tax}</Th>
        <Th numeric>{headings.gross}</Th>
      </TableHead>
      <tbody>
        {rows.map((row) => (
          <Tr key={row.key} data-testid={row.testId}>
            <Th scope="row" className="align-top font-medium">
              {row.label}
            </Th>
            <Td className="align-top">
              <ol className="space-y-0.5">
                {row.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
              {row.note ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{row.note}</p> : null}
            </Td>
            <Td numeric className={figure}>{row.net}</Td>
            <Td numeric className={figure}>{row.tax}</Td>
            <Td numeric className={figure}>{row.gross}</Td>
          </Tr>
        ))}
      </tbody>
      <tfoot>
        <Tr className="font-semibold">
          <Th scope="row" colSpan={withParts ? 2 : 4} numeric>
            {total.label}
          </Th>
          {withParts ? (
            <>
              <Td numeric className={figure}>{total.net}</Td>
              <Td numeric className={figure}>{total.tax}</Td>
            </>
          ) : null}
          <Td numeric className={figure}>{total.gross}</Td>
        </Tr>
      </tfoot>
    </FocusableTable>
  );
}

/** One service day's lines, each with the arithmetic that produced it. */
export async function DayDetailView({ detail }: { detail: DayDetail }) {
  const t = await getTranslations('charges.day');
  const tp = await getTranslations('penalties.day');
  const taxKinds = await getTranslations('charges.taxKinds');
  const serviceLabels = await getTranslations('charges.services');
  const locale = await getLocale();
  const format = await getFormatter();
  const yuan = (fen: bigint) => formatYuan(fenToDecimalString(fen), locale);
  // A share of 1,440 minutes rarely ends: past 8 decimals it is cut, and says so.
  const exact = (decimalYuan: string) => {
    const [, fraction = ''] = decimalYuan.split('.');
    if (fraction.length <= 8) return formatExactYuan(decimalYuan, locale);
    return `${formatExactYuan(new MoneyDecimal(decimalYuan).toDecimalPlaces(8, MoneyDecimal.ROUND_DOWN).toFixed(), locale)}…`;
  };
  const label = (id: string) => (serviceLabels.has(id) ? serviceLabels(id) : id);
  const headings = { computation: t('computation'), net: t('net'), tax: t('tax'), gross: t('gross') };

  function usageSteps(l: UsageLineExplanation): string[] {
    const steps = [
      t('usage.net', {
        quantity: formatQuantity(l.cumulativeQuantity, locale),
        unit: l.unit,
        price: exact(l.unitPrice),
        exact: exact(l.exactNet),
        net: yuan(l.cumulativeNetFen),
      }),
      t('usage.tax', { net: yuan(l.cumulativeNetFen), rate: ratePercent(l.taxRate), exact: exact(fenExactToYuan(l.exactTaxFen)), tax: yuan(l.cumulativeTaxFen) }),
    ];
    if (l.seq > 0) {
      steps.unshift(t('usage.supplementary', { quantity: formatQuantity(l.quantity, locale), unit: l.unit }));
      steps.push(t('usage.difference', { net: yuan(l.netFen), tax: yuan(l.taxFen) }));
    }
    steps.push(t('usage.gross', { net: yuan(l.netFen), tax: yuan(l.taxFen), gross: yuan(l.grossFen) }));
    return steps;
  }

  function creditSteps(l: CreditLineExplanation): string[] {
    const steps = [
      t('credit.minutes', { minutes: l.cumulativeMinutes }),
      t('credit.net', { fee: yuan(l.feeNetFen), minutes: l.cumulativeMinutes, exact: exact(fenExactToYuan(l.exactNetFen)), net: yuan(l.cumulativeNetFen) }),
      t('credit.tax', { fee: yuan(l.feeTaxFen), minutes: l.cumulativeMinutes, exact: exact(fenExactToYuan(l.exactTaxFen)), tax: yuan(l.cumulativeTaxFen) }),
    ];
    if (l.seq > 0) steps.push(t('credit.difference', { net: yuan(-l.netFen), tax: yuan(-l.taxFen) }));
    steps.push(t('credit.gross', { gross: yuan(-l.grossFen) }));
    return steps;
  }

  return (
    <div className="space-y-6">
      {detail.services.map((service) => (
        <Card key={service.serviceId} aria-labelledby={`day-${service.serviceId}`}>
          <h2 id={`day-${service.serviceId}`} className="text-lg font-semibold">
            {label(service.serviceId)}
          </h2>
          {service.incidents.length > 0 ? (
            <div className="mt-2 text-sm">
              <p>{t('incidents', { minutes: service.outageMinutes })}</p>
              <ul className="ml-5 list-disc">
                {service.incidents.map((i) => (
                  <li key={i.id}>
                    {t('incident', {
                      id: i.id,
                      from: format.dateTime(i.startedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                      to: format.dateTime(i.endedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <ComputedLinesTable
            caption={t('caption', { service: label(service.serviceId), day: detail.day })}
            headings={{ ...headings, line: t('line') }}
            rows={service.lines.map((l) => ({
              key: l.transferId.toString(),
              testId: 'day-line',
              label: l.kind === 'usage' ? (l.seq === 0 ? t('kinds.usage') : t('kinds.late', { seq: l.seq })) : t('kinds.credit'),
              steps: l.kind === 'usage' ? usageSteps(l) : creditSteps(l),
              note: l.consistent ? null : t('computedEarlier'),
              net: yuan(l.netFen),
              tax: yuan(l.taxFen),
              gross: yuan(l.grossFen),
            }))}
            total={{ label: t('serviceTotal'), gross: yuan(service.totalGrossFen) }}
          />
        </Card>
      ))}
      {detail.services.length > 0 ? (
        <p className="text-right text-lg font-semibold" data-testid="day-total">
          {t('dayTotal', { total: yuan(detail.totalGrossFen) })}
        </p>
      ) : null}
      {detail.penalties.map((penalty) => (
        <Card key={`${penalty.periodIndex}:${penalty.periodEnd.toISOString()}`} aria-labelledby={`penalty-${penalty.periodIndex}`}>
          <h2 id={`penalty-${penalty.periodIndex}`} className="text-lg font-semibold">
            {tp('heading', { index: penalty.periodIndex })}
          </h2>
          <p className="mt-2 text-sm">
            {tp('amount', {
              end: format.dateTime(penalty.periodEnd, { dateStyle: 'medium', timeStyle: 'short' }),
              rate: ratePercent(penalty.rate),
              base: yuan(penalty.baseFen),
              amount: yuan(penalty.amountFen),
            })}
          </p>
          <p className="mt-1 text-sm">{tp('explain')}</p>
          <ComputedLinesTable
            caption={tp('caption', { index: penalty.periodIndex })}
            headings={{ ...headings, line: tp('rate') }}
            rows={penalty.parts.map((part) => ({
              key: `${part.taxKind}:${part.taxRate}`,
              testId: 'penalty-part',
              label: taxKinds(part.taxKind, { rate: ratePercent(part.taxRate) }),
              steps: [
                tp('share', { arrears: yuan(part.arrearsFen), base: yuan(penalty.baseFen), gross: yuan(part.grossFen) }),
                tp('tax', { gross: yuan(part.grossFen), rate: ratePercent(part.taxRate), exact: exact(fenExactToYuan(part.exactTaxFen)), tax: yuan(part.taxFen) }),
                tp('net', { gross: yuan(part.grossFen), tax: yuan(part.taxFen), net: yuan(part.netFen) }),
              ],
              net: yuan(part.netFen),
              tax: yuan(part.taxFen),
              gross: yuan(part.grossFen),
            }))}
            total={{ label: tp('total'), net: yuan(penalty.netFen), tax: yuan(penalty.taxFen), gross: yuan(penalty.amountFen) }}
          />
        </Card>
      ))}
    </div>
  );
}
