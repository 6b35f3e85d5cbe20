import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Table, TableHead, Td, Th, Tr } from '@/components/ui/table';
import { STATUS_HISTORY_DAYS, type ServiceStatus, type StatusIncident } from '@/lib/billing/incident-status';

/** Per service: its state now, then a table of its incidents (start, end, minutes, state). */
export async function ServiceStatusView({ status, timeZone }: { status: ServiceStatus; timeZone: string }) {
  const t = await getTranslations('public');
  const charges = await getTranslations('charges');
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const serviceName = (id: string, fallback: string) => (charges.has(`services.${id}`) ? charges(`services.${id}` as 'services.compute') : fallback);
  const title = (i: StatusIncident, service: string) => (locale === 'zh-CN' ? i.titleZh : i.titleEn) ?? t('status.untitled', { service });
  return (
    <div className="space-y-8">
      {status.services.map((service) => {
        const name = serviceName(service.id, service.name);
        const ongoing = service.incidents.some((i) => i.status === 'investigating');
        const headingId = `service-${service.id}`;
        return (
          <section key={service.id} aria-labelledby={headingId} className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id={headingId} className="text-lg font-semibold">
                {name}
              </h2>
              <p
                className={
                  ongoing
                    ? 'rounded-full bg-red-100 px-3 py-1 text-sm font-medium text-red-900 dark:bg-red-950 dark:text-red-100'
                    : 'rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'
                }
              >
                {ongoing ? t('status.outage') : t('status.operational')}
              </p>
            </div>
            {service.incidents.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('status.noIncidents', { days: STATUS_HISTORY_DAYS })}</p>
            ) : (
              <Table caption={t('status.caption', { service: name, days: STATUS_HISTORY_DAYS })}>
                <TableHead>
                  <Th>{t('status.incident')}</Th>
                  <Th>{t('status.started')}</Th>
                  <Th>{t('status.ended')}</Th>
                  <Th numeric>{t('status.minutes')}</Th>
                  <Th>{t('status.state')}</Th>
                </TableHead>
                <tbody>
                  {service.incidents.map((incident) => (
                    <Tr key={incident.id} data-testid={`incident-${incident.id}`}>
                      <Th scope="row" className="font-medium">
                        {title(incident, name)}
                        <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
                          {incident.scope === 'all' ? t('status.scopeAll') : t('status.scopeSome')}
                        </span>
                      </Th>
                      <Td>
                        <time dateTime={incident.startedAt}>{when(incident.startedAt)}</time>
                      </Td>
                      <Td>{incident.endedAt ? <time dateTime={incident.endedAt}>{when(incident.endedAt)}</time> : t('status.ongoing')}</Td>
                      <Td numeric>{incident.minutes ?? '—'}</Td>
                      <Td>{incident.status === 'resolved' ? t('status.resolved') : t('status.investigating')}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>
        );
      })}
      <p className="text-xs text-slate-600 dark:text-slate-400">{t('status.asOf', { at: when(status.asOf), timeZone })}</p>
    </div>
  );
}
