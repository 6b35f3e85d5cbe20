import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { ActiveSession } from '@/lib/auth/active-sessions';
import { browserLabel, providerLabel } from './labels';
import { SignOutOthersButton } from './sign-out-others-button';
import { ActivityTable, Cell } from './table';

export async function SessionsSection({ sessions }: { sessions: ActiveSession[] }) {
  const t = await getTranslations('activity');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        {t('sessions.heading')}
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('sessions.intro')}</p>
      {sessions.length === 0 ? (
        <p className="text-sm">{t('sessions.empty')}</p>
      ) : (
        <ActivityTable caption={t('sessions.heading')} columns={[t('sessions.browser'), t('sessions.ip'), t('sessions.provider'), t('sessions.since'), t('sessions.lastSeen')]}>
          {sessions.map((s) => (
            <tr key={s.id}>
              <Cell>
                <span title={s.userAgent ?? undefined}>{browserLabel(t, s.userAgent)}</span>
                {s.current ? <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">{t('sessions.current')}</span> : null}
              </Cell>
              <Cell className="font-mono">{s.ip ?? '—'}</Cell>
              <Cell>{providerLabel(t, s.provider)}</Cell>
              <Cell>
                <time dateTime={s.createdAt.toISOString()}>{when(s.createdAt)}</time>
              </Cell>
              <Cell>
                <time dateTime={s.lastSeenAt.toISOString()}>{when(s.lastSeenAt)}</time>
              </Cell>
            </tr>
          ))}
        </ActivityTable>
      )}
      <div className="mt-3">
        <SignOutOthersButton label={t('sessions.signOutOthers')} />
      </div>
    </Card>
  );
}
