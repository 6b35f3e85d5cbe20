import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { SignInEntry } from '@/lib/audit/activity-log';
import { ACTIVITY_RETENTION_DAYS } from '@/lib/audit/retention';
import { browserLabel, providerLabel } from './labels';
import { ActivityTable, Cell } from './table';

export async function SignInsSection({ signIns }: { signIns: SignInEntry[] }) {
  const t = await getTranslations('activity');
  const format = await getFormatter();
  return (
    <Card aria-labelledby="sign-ins-heading">
      <h2 id="sign-ins-heading" className="mb-3 text-lg font-semibold">
        {t('signIns.heading')}
      </h2>
      {signIns.length === 0 ? (
        <p className="text-sm">{t('signIns.empty', { days: ACTIVITY_RETENTION_DAYS })}</p>
      ) : (
        <ActivityTable caption={t('signIns.heading')} columns={[t('when'), t('signIns.ip'), t('signIns.browser'), t('signIns.provider')]}>
          {signIns.map((s) => (
            <tr key={s.id}>
              <Cell>
                <time dateTime={s.at.toISOString()}>{format.dateTime(s.at, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
              </Cell>
              <Cell className="font-mono">{s.ip ?? '—'}</Cell>
              <Cell>
                <span title={s.userAgent ?? undefined}>{browserLabel(t, s.userAgent)}</span>
              </Cell>
              <Cell>{providerLabel(t, s.provider)}</Cell>
            </tr>
          ))}
        </ActivityTable>
      )}
    </Card>
  );
}
