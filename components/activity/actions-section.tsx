import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { ActionEntry } from '@/lib/audit/activity-log';
import { ACTIVITY_RETENTION_DAYS } from '@/lib/audit/retention';
import { actionLabel } from './labels';
import { ActivityTable, Cell } from './table';

export async function ActionsSection({ actions }: { actions: ActionEntry[] }) {
  const t = await getTranslations('activity');
  const format = await getFormatter();
  return (
    <Card aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="mb-3 text-lg font-semibold">
        {t('actions.heading')}
      </h2>
      {actions.length === 0 ? (
        <p className="text-sm">{t('actions.empty', { days: ACTIVITY_RETENTION_DAYS })}</p>
      ) : (
        <ActivityTable caption={t('actions.heading')} columns={[t('when'), t('actions.action'), t('actions.by'), t('actions.ip')]}>
          {actions.map((a) => (
            <tr key={a.id}>
              <Cell>
                <time dateTime={a.at.toISOString()}>{format.dateTime(a.at, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
              </Cell>
              <Cell>{actionLabel(t, a.kind)}</Cell>
              <Cell>{a.actorName ?? t('actions.system')}</Cell>
              <Cell className="font-mono">{a.ip ?? '—'}</Cell>
            </tr>
          ))}
        </ActivityTable>
      )}
    </Card>
  );
}
