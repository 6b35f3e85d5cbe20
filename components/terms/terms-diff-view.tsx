import { clsx } from 'clsx';
import { getTranslations } from 'next-intl/server';
import type { DiffPart, TermsDiff, TermsDiffEntry } from '@/lib/terms/diff-terms';
import type { TermsLanguage } from '@/lib/terms/parse-terms';

const statusTone: Record<Exclude<TermsDiffEntry['status'], 'unchanged'>, string> = {
  changed: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
  added: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  removed: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
};

function Parts({ parts, labels }: { parts: DiffPart[]; labels: { added: string; removed: string; end: string } }) {
  return (
    <>
      {parts.map((part, i) =>
        part.change === 'added' ? (
          <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-950 underline decoration-emerald-700 decoration-2 dark:bg-emerald-900 dark:text-emerald-50 print:bg-transparent">
            <span className="sr-only">[{labels.added} </span>
            {part.value}
            <span className="sr-only"> {labels.end}]</span>
          </ins>
        ) : part.change === 'removed' ? (
          <del key={i} className="rounded-sm bg-red-100 text-red-950 decoration-red-700 decoration-2 dark:bg-red-900 dark:text-red-50 print:bg-transparent">
            <span className="sr-only">[{labels.removed} </span>
            {part.value}
            <span className="sr-only"> {labels.end}]</span>
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </>
  );
}

/** A word diff between two versions: changed passages with their section, unchanged ones folded away. */
export async function TermsDiffView({ diff, lang, showAll, anchorHref }: { diff: TermsDiff; lang: TermsLanguage; showAll: boolean; anchorHref: (key: string) => string }) {
  const t = await getTranslations('terms');
  const labels = { added: t('diff.addedText'), removed: t('diff.removedText'), end: t('diff.endText') };
  // Fold runs of unchanged passages unless everything is asked for.
  const rows: Array<{ entry: TermsDiffEntry } | { folded: number; key: string }> = [];
  for (const entry of diff.entries) {
    const last = rows.at(-1);
    if (entry.status === 'unchanged' && !showAll) {
      if (last && 'folded' in last) last.folded += 1;
      else rows.push({ folded: 1, key: `fold-${entry.key}` });
    } else rows.push({ entry });
  }
  const htmlLang = lang === 'zh' ? 'zh-CN' : 'en';
  return (
    <ol className="space-y-3" lang={htmlLang} aria-label={t('diff.metaTitle')}>
      {rows.map((row) =>
        'folded' in row ? (
          <li key={row.key} className="px-4 text-sm italic text-slate-600 dark:text-slate-400">
            … {t('diff.unchanged', { count: row.folded })} …
          </li>
        ) : (
          <li
            key={`${row.entry.status}-${row.entry.key}`}
            data-testid="diff-entry"
            data-status={row.entry.status}
            className={clsx(
              'break-inside-avoid rounded-xl border bg-white px-4 py-3 dark:bg-slate-900',
              row.entry.status === 'unchanged' ? 'border-slate-200 dark:border-slate-800' : 'border-slate-300 dark:border-slate-700',
            )}
          >
            {row.entry.status !== 'unchanged' ? (
              <p className="mb-2 flex flex-wrap items-center gap-2 text-xs">
                <span className={clsx('rounded-full border px-2 py-0.5 font-medium', statusTone[row.entry.status])}>{t(`diff.${row.entry.status}`)}</span>
                {row.entry.kind === 'block' && row.entry.section ? <span className="font-semibold">{row.entry.section}</span> : null}
                {row.entry.status !== 'removed' ? (
                  <a href={anchorHref(row.entry.key)} className="no-print text-brand-700 underline dark:text-sky-300">
                    #{row.entry.key}
                  </a>
                ) : null}
              </p>
            ) : null}
            <div className={clsx('whitespace-pre-line leading-relaxed', row.entry.kind !== 'block' && 'font-semibold')}>
              <Parts parts={row.entry.parts} labels={labels} />
            </div>
          </li>
        ),
      )}
    </ol>
  );
}
