import { getLocale, getTranslations } from 'next-intl/server';
import { formatExactYuan, ratePercent } from '@/components/charges/format';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import type { PriceList, PriceListRate } from '@/lib/catalogue/price-list';

/** The price list: today's prices per service, then the upcoming changes with their dates. */
export async function PriceListView({ list, noticeDays }: { list: PriceList; noticeDays: number }) {
  const t = await getTranslations('prices');
  const charges = await getTranslations('charges');
  const locale = await getLocale();
  const serviceName = (id: string, fallback: string) => (charges.has(`services.${id}`) ? charges(`services.${id}` as 'services.compute') : fallback);
  const category = (c: string) => (t.has(`categories.${c}`) ? t(`categories.${c}` as 'categories.it_services') : c);
  const cells = (rate: PriceListRate | null) =>
    rate ? (
      <>
        <Td>{rate.unit}</Td>
        <Td numeric>{formatExactYuan(rate.unitPrice, locale)}</Td>
        <Td>{t(`taxKinds.${rate.taxKind}`, { rate: ratePercent(rate.taxRate) })}</Td>
        <Td>{category(rate.taxCategory)}</Td>
        <Td numeric className="font-medium">
          {formatExactYuan(rate.grossUnitPrice, locale)}
        </Td>
      </>
    ) : (
      <Td colSpan={5}>{t('none')}</Td>
    );
  const header = (
    <>
      <Th>{t('table.unit')}</Th>
      <Th numeric>{t('table.unitPrice')}</Th>
      <Th>{t('table.tax')}</Th>
      <Th>{t('table.category')}</Th>
      <Th numeric>{t('table.gross')}</Th>
    </>
  );
  const upcoming = list.entries.flatMap((e) => e.upcoming.map((u) => ({ ...u, serviceId: e.serviceId, name: serviceName(e.serviceId, e.name) })));
  upcoming.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.serviceId.localeCompare(b.serviceId));
  return (
    <div className="space-y-8">
      <section aria-labelledby="prices-current" className="space-y-3">
        <h2 id="prices-current" className="text-lg font-semibold">
          {t('asOf', { date: list.today })}
        </h2>
        <Table caption={t('table.caption')}>
          <TableHead>
            <Th>{t('table.service')}</Th>
            {header}
          </TableHead>
          <tbody>
            {list.entries.map((entry) => (
              <Tr key={entry.serviceId} data-testid={`price-${entry.serviceId}`}>
                <Th scope="row" className="font-medium">
                  {serviceName(entry.serviceId, entry.name)}
                </Th>
                {cells(entry.current)}
              </Tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="prices-upcoming" className="space-y-3">
        <h2 id="prices-upcoming" className="text-lg font-semibold">
          {t('upcoming.title')}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('upcoming.withdrawnNote', { days: noticeDays })}</p>
        {upcoming.length === 0 ? (
          <p className="text-sm">{t('upcoming.empty')}</p>
        ) : (
          <Table caption={t('upcoming.caption')}>
            <TableHead>
              <Th>{t('upcoming.effectiveFrom')}</Th>
              <Th>{t('table.service')}</Th>
              {header}
            </TableHead>
            <tbody>
              {upcoming.map((u) => (
                <Tr key={`${u.serviceId}-${u.effectiveFrom}`} data-testid={`upcoming-${u.serviceId}-${u.effectiveFrom}`}>
                  <Td>
                    <time dateTime={u.effectiveFrom}>{u.effectiveFrom}</time>
                  </Td>
                  <Th scope="row" className="font-medium">
                    {u.name}
                  </Th>
                  {cells(u.rate)}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
