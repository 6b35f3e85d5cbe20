import Link from 'next/link';
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { CompareForm } from '@/components/terms/compare-form';
import { VersionStatusBadge } from '@/components/terms/version-status-badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { loadTermsHistory } from '@/lib/terms/load-terms';
import { termsLanguage } from '@/lib/terms/terms-language';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('terms');
  return { title: t('history.metaTitle') };
}

const th = 'px-3 py-2 text-left font-medium';
const td = 'px-3 py-2 align-top';

export default async function TermsHistoryPage() {
  const viewer = await requireViewer('/terms/history');
  const t = await getTranslations('terms');
  const format = await getFormatter();
  const locale = await getLocale();
  const lang = termsLanguage(undefined, locale);
  const { versions, compare, records } = await loadTermsHistory(getDb(), viewer, { now: new Date() });
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'long' });

  return (
    <div className="space-y-6">
      <PageHeader title={t('history.title')} description={t('history.description')} />

      <Card aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-3 text-lg font-semibold">
          {t('history.versionsHeading')}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 dark:border-slate-700">
              <tr>
                <th scope="col" className={th}>{t('history.columns.version')}</th>
                <th scope="col" className={th}>{t('history.columns.published')}</th>
                <th scope="col" className={th}>{t('history.columns.effective')}</th>
                <th scope="col" className={th}>{t('history.columns.summary')}</th>
                <th scope="col" className={th}>{t('history.columns.status')}</th>
                <th scope="col" className={th}>{t('history.columns.links')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {versions.map((v) => {
                const status = v.status;
                return (
                  <tr key={v.number} data-testid={`terms-version-${v.number}`}>
                    <th scope="row" className={`${td} text-left font-semibold`}>{v.number}</th>
                    <td className={td}>{date(v.publishedAt)}</td>
                    <td className={td}>{date(v.effectiveAt)}</td>
                    <td className={td} lang={lang === 'zh' ? 'zh-CN' : 'en'}>{lang === 'zh' ? v.summaryZh : v.summaryEn}</td>
                    <td className={td}>
                      <VersionStatusBadge status={status} label={t(`status.${status}`)} />
                    </td>
                    <td className={`${td} space-y-1`}>
                      <Link href={`/terms?version=${v.number}`} className="block text-brand-700 underline dark:text-sky-300">
                        {t('history.read', { version: v.number })}
                      </Link>
                      {v.number > 1 ? (
                        <Link href={`/terms/diff?from=${v.number - 1}&to=${v.number}`} className="block text-brand-700 underline dark:text-sky-300">
                          {t('history.changes', { from: v.number - 1 })}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      {compare ? (
        <Card aria-labelledby="compare-heading">
          <h2 id="compare-heading" className="mb-3 text-lg font-semibold">
            {t('history.compareHeading')}
          </h2>
          <CompareForm versions={compare.numbers} from={compare.from} to={compare.to} lang={lang} />
        </Card>
      ) : null}

      <Card aria-labelledby="record-heading">
        <h2 id="record-heading" className="text-lg font-semibold">
          {t('history.recordHeading')}
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-400">{t('history.recordDescription')}</p>
        {records.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="terms-record">
              <thead className="border-b border-slate-200 dark:border-slate-700">
                <tr>
                  <th scope="col" className={th}>{t('history.recordColumns.version')}</th>
                  <th scope="col" className={th}>{t('history.recordColumns.what')}</th>
                  <th scope="col" className={th}>{t('history.recordColumns.when')}</th>
                  <th scope="col" className={th}>{t('history.recordColumns.who')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {records.map((r) => (
                  <tr key={String(r.id)}>
                    <td className={td}>{r.versionNumber}</td>
                    <td className={td}>{t(`history.kinds.${r.kind}`)}</td>
                    <td className={td}>{format.dateTime(r.at, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                    <td className={td}>{r.byYou ? t('history.byYou') : t('history.byOther')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm">{t('history.recordEmpty')}</p>
        )}
      </Card>
    </div>
  );
}
