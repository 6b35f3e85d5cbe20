import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import type { TermsRecordRow } from '@/lib/db/schema';
import { calendarDateIn } from '@/lib/time/zoned-date';
import { getAccountDeclaration } from './account-declaration';
import { diffTerms, type TermsDiff } from './diff-terms';
import { inLanguage, parseTerms, translationCoverage, type Residence, type TermsDocument, type TermsLanguage, type TermsSection, type TranslationCoverage } from './parse-terms';
import { termsRecordsOf } from './terms-records';
import { getCurrentTermsVersion, getLatestTermsVersion, getTermsVersion, listTermsVersions, versionStatus, type TermsVersion, type VersionStatus } from './versions';

/** The terms page: one version (the one asked for, else the current one) in the language asked for. */
export type TermsPageView =
  | {
      found: false;
      /** The version asked for that does not exist; null when there are no terms in force at all. */
      requested: number | null;
    }
  | {
      found: true;
      version: TermsVersion;
      doc: TermsDocument;
      status: VersionStatus;
      /** The account's declared residence (null before the declaration): which governing law applies to them. */
      residence: Residence | null;
      /** The same page in each language. */
      hrefFor: { en: string; zh: string };
      /** The governing-law section and its title in the language shown. */
      law: { section: TermsSection; title: string } | null;
      coverage: TranslationCoverage;
      /** The current version when an older or newer one is shown (the page links to it). */
      current: TermsVersion | null;
      /** An asked-for version that is not the current one: the page offers the current one. */
      offerCurrent: boolean;
      /** A newer version published but not yet in force, while the current one is shown. */
      upcoming: TermsVersion | null;
      /** Reading is recorded (not while support views as the customer). */
      recordView: boolean;
    };

export async function loadTermsPage(
  db: Db,
  viewer: Pick<Viewer, 'accountId' | 'impersonation'>,
  input: { requested: number | null; lang: TermsLanguage; now: Date },
): Promise<TermsPageView> {
  const { requested, lang, now } = input;
  const [current, latest, asked, declaration] = await Promise.all([
    getCurrentTermsVersion(db, now),
    getLatestTermsVersion(db),
    requested ? getTermsVersion(db, requested) : null,
    getAccountDeclaration(db, viewer.accountId),
  ]);
  const version = requested ? asked : current;
  if (!version) return { found: false, requested };

  const doc = parseTerms(version.source);
  const hrefIn = (l: TermsLanguage) => `/terms?${new URLSearchParams({ ...(requested ? { version: String(requested) } : {}), lang: l })}`;
  const law = doc.sections.find((s) => s.role === 'governing_law');
  return {
    found: true,
    version,
    doc,
    status: versionStatus(version, current, now),
    residence: declaration?.declaredAt ? declaration.residence : null,
    hrefFor: { en: hrefIn('en'), zh: hrefIn('zh') },
    law: law ? { section: law, title: inLanguage(law.title, lang)?.text ?? '' } : null,
    coverage: translationCoverage(doc),
    current,
    offerCurrent: Boolean(requested && current && requested !== current.number),
    upcoming: latest && current && latest.number > current.number && version.number === current.number ? latest : null,
    recordView: !viewer.impersonation,
  };
}

/** Everything the terms history page shows: every version, the comparison form's defaults, the account's record. */
export interface TermsHistoryView {
  /** Newest first, each with its status now. */
  versions: (TermsVersion & { status: VersionStatus })[];
  /** The comparison form (the two newest versions preselected), when there are two versions to compare. */
  compare: { numbers: number[]; from: number; to: number } | null;
  /** The account's views, acknowledgements and continued use; `byYou`: recorded for the viewer. */
  records: (TermsRecordRow & { byYou: boolean })[];
}

export async function loadTermsHistory(db: Db, viewer: Pick<Viewer, 'accountId' | 'userId'>, input: { now: Date }): Promise<TermsHistoryView> {
  const [versions, current, records] = await Promise.all([listTermsVersions(db), getCurrentTermsVersion(db, input.now), termsRecordsOf(db, viewer.accountId)]);
  const numbers = versions.map((v) => v.number);
  return {
    versions: [...versions].reverse().map((v) => ({ ...v, status: versionStatus(v, current, input.now) })),
    compare: versions.length > 1 ? { numbers, from: numbers.at(-2) ?? 1, to: numbers.at(-1) ?? 1 } : null,
    records: records.map((r) => ({ ...r, byYou: r.userId === viewer.userId })),
  };
}

/** The terms diff page: two versions compared, or why not (with the choices to compare). */
export type TermsDiffPageView =
  | { kind: 'need_two' }
  | { kind: 'bad_versions'; numbers: number[]; from: number; to: number }
  | {
      kind: 'diff';
      numbers: number[];
      from: number;
      to: number;
      diff: TermsDiff;
      /** The newer version's summary in the language shown. */
      summary: string;
      /** Nothing changed between the two. */
      nothing: boolean;
      /** Reading is recorded (not while support views as the customer). */
      recordView: boolean;
    };

/** The versions asked for: `to` defaults to the latest, `from` to the one before `to`. */
export async function loadTermsDiff(
  db: Db,
  viewer: Pick<Viewer, 'impersonation'>,
  input: { from: number | null; to: number | null; lang: TermsLanguage },
): Promise<TermsDiffPageView> {
  const versions = await listTermsVersions(db);
  const numbers = versions.map((v) => v.number);
  const latest = numbers.at(-1) ?? 0;
  const to = input.to ?? latest;
  const from = input.from ?? to - 1;
  if (versions.length < 2) return { kind: 'need_two' };
  const before = versions.find((v) => v.number === from);
  const after = versions.find((v) => v.number === to);
  if (!before || !after || from === to) return { kind: 'bad_versions', numbers, from: numbers.at(-2) ?? 1, to: latest };
  const diff = diffTerms(parseTerms(before.source), parseTerms(after.source), input.lang);
  return {
    kind: 'diff',
    numbers,
    from,
    to,
    diff,
    summary: input.lang === 'zh' ? after.summaryZh : after.summaryEn,
    nothing: diff.changed + diff.added + diff.removed === 0,
    recordView: !viewer.impersonation,
  };
}

/** The admin's terms page: the latest version (its text to start from) and the earliest effective date a new one may take. */
export async function loadAdminTerms(db: Db, input: { now: Date; timeZone: string }): Promise<{ latest: TermsVersion | null; minDate: string }> {
  const latest = await getLatestTermsVersion(db);
  const today = calendarDateIn(input.now, input.timeZone);
  return { latest, minDate: latest && latest.effectiveOn > today ? latest.effectiveOn : today };
}

/** The first-sign-in page: nothing more once the account has declared; else the version in force to accept (null: none yet). */
export async function loadWelcome(db: Db, viewer: Pick<Viewer, 'declared'>, input: { now: Date }): Promise<{ declared: true } | { declared: false; current: TermsVersion | null }> {
  if (viewer.declared) return { declared: true };
  return { declared: false, current: await getCurrentTermsVersion(db, input.now) };
}
