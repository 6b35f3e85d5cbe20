import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { SupportAccessEntry } from '@/lib/audit/activity-log';
import { ACTIVITY_RETENTION_DAYS } from '@/lib/audit/retention';
import { attemptLabel } from './labels';
import { ActivityTable, Cell } from './table';

/** Each support session: who, when, why; the pages it viewed and the actions it tried under it. */
export async function SupportAccessSection({ accesses }: { accesses: SupportAccessEntry[] }) {
  const t = await getTranslations('activity');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <Card aria-labelledby="support-access-heading">
      <h2 id="support-access-heading" className="text-lg font-semibold">
        {t('support.heading')}
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('support.intro')}</p>
      {accesses.length === 0 ? (
        <p className="text-sm">{t('support.empty', { days: ACTIVITY_RETENTION_DAYS })}</p>
      ) : (
        <ul className="space-y-3" aria-labelledby="support-access-heading">
          {accesses.map((access, index) => {
            const headingId = `support-access-${index}`;
            return (
              <li key={access.key}>
                <article aria-labelledby={headingId} data-testid="support-access" className="rounded-lg border border-violet-200 bg-violet-50/50 p-4 dark:border-violet-900 dark:bg-violet-950/30">
                  <h3 id={headingId} className="font-semibold">
                    {t('support.accessBy', { name: access.staffName ?? t('support.unknownStaff') })}
                  </h3>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                    <dt className="text-slate-600 dark:text-slate-400">{t('support.started')}</dt>
                    <dd>
                      <time dateTime={access.startedAt.toISOString()}>{when(access.startedAt)}</time>
                    </dd>
                    <dt className="text-slate-600 dark:text-slate-400">{t('support.ended')}</dt>
                    <dd>
                      {access.endedAt ? (
                        <>
                          <time dateTime={access.endedAt.toISOString()}>{when(access.endedAt)}</time>
                          {access.endedBy && t.has(`support.endedBy.${access.endedBy}`) ? <span> ({t(`support.endedBy.${access.endedBy}`)})</span> : null}
                        </>
                      ) : (
                        t('support.stillOpen')
                      )}
                    </dd>
                    <dt className="text-slate-600 dark:text-slate-400">{t('support.reason')}</dt>
                    <dd data-testid="support-access-reason">{access.reason}</dd>
                  </dl>
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-medium">{t('support.pages', { count: access.pages.length })}</summary>
                    {access.pages.length > 0 ? (
                      <div className="mt-2">
                        <ActivityTable caption={t('support.pages', { count: access.pages.length })} columns={[t('when'), t('support.page')]}>
                          {access.pages.map((page, i) => (
                            <tr key={i}>
                              <Cell>
                                <time dateTime={page.at.toISOString()}>{when(page.at)}</time>
                              </Cell>
                              <Cell className="font-mono break-all">{page.path}</Cell>
                            </tr>
                          ))}
                        </ActivityTable>
                      </div>
                    ) : null}
                  </details>
                  {access.actions.length > 0 ? (
                    <div className="mt-3">
                      <h4 className="mb-2 text-sm font-medium">{t('support.actions')}</h4>
                      <ActivityTable caption={t('support.actions')} columns={[t('when'), t('support.action'), t('support.outcome')]}>
                        {access.actions.map((action, i) => (
                          <tr key={i}>
                            <Cell>
                              <time dateTime={action.at.toISOString()}>{when(action.at)}</time>
                            </Cell>
                            <Cell>{attemptLabel(t, action.action)}</Cell>
                            <Cell className={action.refused ? 'font-medium text-red-700 dark:text-red-400' : undefined}>{action.refused ? t('support.refused') : t('support.allowed')}</Cell>
                          </tr>
                        ))}
                      </ActivityTable>
                    </div>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
