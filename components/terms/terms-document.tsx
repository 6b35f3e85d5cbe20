import { clsx } from 'clsx';
import { getTranslations } from 'next-intl/server';
import type { Residence, TermsBlock, TermsDocument, TermsLanguage, TermsSection } from '@/lib/terms/parse-terms';
import { htmlLangOf, Passage } from './passage';

interface Props {
  doc: TermsDocument;
  lang: TermsLanguage;
  /** The reader's declared residence: its governing-law paragraph is highlighted. */
  residence: Residence | null;
}

type Labels = { fallback: string; appliesToYou: string; forCN: string; forOther: string };

function ListItems({ block, lang, labels }: { block: TermsBlock; lang: TermsLanguage; labels: Labels }) {
  if (!block.items.length) return null;
  return (
    <ol className="mt-2 list-none space-y-1 pl-2 sm:pl-6">
      {block.items.map((item) => (
        <li key={item.label} className="flex gap-2">
          <span className="shrink-0 tabular-nums text-slate-600 dark:text-slate-400" aria-hidden="true">
            {item.label}
          </span>
          <span>
            <Passage text={item.text} lang={lang} fallbackLabel={labels.fallback} showBadge={false} />
          </span>
        </li>
      ))}
    </ol>
  );
}

function hasFallback(block: TermsBlock, lang: TermsLanguage): boolean {
  const fallback = (t: { en: string | null; zh: string | null }) => (lang === 'zh' ? t.zh === null && t.en !== null : t.en === null && t.zh !== null);
  return (block.text.en !== null || block.text.zh !== null ? fallback(block.text) : false) || block.items.some((i) => fallback(i.text));
}

function BlockBody({ block, lang, labels }: { block: TermsBlock; lang: TermsLanguage; labels: Labels }) {
  const badge = hasFallback(block, lang);
  return (
    <>
      {badge ? (
        <span className="mr-2 inline-block rounded border border-slate-300 px-1.5 py-0.5 align-middle text-[0.7rem] leading-none text-slate-600 dark:border-slate-600 dark:text-slate-400">
          {labels.fallback}
        </span>
      ) : null}
      <Passage text={block.text} lang={lang} fallbackLabel={labels.fallback} showBadge={false} />
      <ListItems block={block} lang={lang} labels={labels} />
    </>
  );
}

function ResidenceFrame({ block, residence, labels, children }: { block: TermsBlock; residence: Residence | null; labels: Labels; children: React.ReactNode }) {
  if (!block.appliesTo) return <>{children}</>;
  const yours = residence === block.appliesTo;
  return (
    <div
      data-applies-to={block.appliesTo}
      data-applies-to-reader={yours ? 'true' : 'false'}
      className={clsx(
        'rounded-lg border-l-4 px-4 py-3 print:border print:border-l-4',
        yours ? 'border-amber-500 bg-amber-50 dark:bg-amber-950/40 print:bg-transparent' : 'border-slate-300 dark:border-slate-700',
      )}
    >
      <p className={clsx('mb-1 text-xs font-semibold uppercase tracking-wide', yours ? 'text-amber-800 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400')}>
        {yours ? `${labels.appliesToYou} · ` : ''}
        {block.appliesTo === 'CN' ? labels.forCN : labels.forOther}
      </p>
      {children}
    </div>
  );
}

function SectionBody({ section, lang, residence, labels }: { section: TermsSection; lang: TermsLanguage; residence: Residence | null; labels: Labels }) {
  // Consecutive clauses form one numbered list; other blocks stand on their own.
  const groups: TermsBlock[][] = [];
  for (const block of section.blocks) {
    const last = groups.at(-1);
    if (block.kind === 'clause' && last && last[0].kind === 'clause') last.push(block);
    else groups.push([block]);
  }
  return (
    <div className="space-y-3">
      {groups.map((group) =>
        group[0].kind === 'clause' ? (
          <ol key={group[0].id} className="space-y-3">
            {group.map((block) => (
              <li key={block.id} id={block.id} value={block.number ?? undefined} className="flex scroll-mt-4 gap-3 break-inside-avoid">
                <a href={`#${block.id}`} className="shrink-0 tabular-nums text-slate-600 no-underline hover:underline dark:text-slate-400" aria-hidden="true" tabIndex={-1}>
                  {block.number}.
                </a>
                <div className="min-w-0 flex-1">
                  <ResidenceFrame block={block} residence={residence} labels={labels}>
                    <BlockBody block={block} lang={lang} labels={labels} />
                  </ResidenceFrame>
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <div key={group[0].id} id={group[0].id} className="scroll-mt-4 break-inside-avoid">
            <ResidenceFrame block={group[0]} residence={residence} labels={labels}>
              <div>
                <BlockBody block={group[0]} lang={lang} labels={labels} />
              </div>
            </ResidenceFrame>
          </div>
        ),
      )}
    </div>
  );
}

/** The terms as a readable document: table of contents with anchors, headed sections, numbered clauses. */
export async function TermsDocumentView({ doc, lang, residence }: Props) {
  const t = await getTranslations('terms');
  const labels: Labels = {
    fallback: t('fallbackBadge'),
    appliesToYou: t('governingLaw.appliesToYou'),
    forCN: t('governingLaw.forCN'),
    forOther: t('governingLaw.forOther'),
  };
  const titled = doc.sections.filter((s) => s.title.en !== null || s.title.zh !== null);
  return (
    <article lang={htmlLangOf(lang)} className="terms-document leading-relaxed print:text-black">
      <nav aria-labelledby="terms-toc-heading" className="mb-8 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900 print:border-0 print:p-0">
        <h2 id="terms-toc-heading" className="text-lg font-semibold">
          {t('toc')}
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm sm:columns-2">
          {titled.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className="text-brand-700 underline-offset-2 hover:underline dark:text-sky-300 print:text-black">
                <Passage text={section.title} lang={lang} fallbackLabel={labels.fallback} showBadge={false} />
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="space-y-10">
        {doc.sections.map((section) => (
          <section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`} className="scroll-mt-4">
            <h2 id={`${section.id}-heading`} className="mb-3 break-after-avoid text-xl font-semibold">
              <a href={`#${section.id}`} className="no-underline hover:underline">
                <Passage text={section.title} lang={lang} fallbackLabel={labels.fallback} />
              </a>
            </h2>
            <SectionBody section={section} lang={lang} residence={residence} labels={labels} />
          </section>
        ))}
      </div>
    </article>
  );
}
