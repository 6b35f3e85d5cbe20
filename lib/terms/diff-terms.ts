import { diffArrays, diffWords, type ChangeObject } from 'diff';
import { inLanguage, type Bilingual, type TermsDocument, type TermsLanguage } from './parse-terms';

/** One readable unit of the terms in one language: the title, a heading, or a paragraph/clause with its list. */
export interface TermsUnit {
  /** Matches the same unit across versions (its anchor on /terms). */
  key: string;
  kind: 'title' | 'heading' | 'block';
  /** The section's heading in this language (null for the title). */
  section: string | null;
  text: string;
  /** In the zh view: the operator gave no Chinese for (part of) this unit, so the English is shown. */
  fallback: boolean;
}

function pick(text: Bilingual, lang: TermsLanguage) {
  return inLanguage(text, lang) ?? { text: '', fallback: false };
}

/** The document as a list of units in one language, in reading order. */
export function termsUnits(doc: TermsDocument, lang: TermsLanguage): TermsUnit[] {
  const units: TermsUnit[] = [];
  const title = pick(doc.title, lang);
  units.push({ key: 'title', kind: 'title', section: null, text: title.text, fallback: title.fallback });
  for (const section of doc.sections) {
    const heading = pick(section.title, lang);
    if (heading.text) units.push({ key: section.id, kind: 'heading', section: heading.text, text: heading.text, fallback: heading.fallback });
    for (const block of section.blocks) {
      const main = inLanguage(block.text, lang);
      const lines: string[] = [];
      let fallback = main?.fallback ?? false;
      if (main) lines.push(block.number !== null ? `${block.number}. ${main.text}` : main.text);
      for (const item of block.items) {
        const t = pick(item.text, lang);
        fallback ||= t.fallback;
        lines.push(`${item.label} ${t.text}`);
      }
      units.push({ key: block.id, kind: 'block', section: heading.text || null, text: lines.join('\n'), fallback });
    }
  }
  return units;
}

export interface DiffPart {
  value: string;
  change: 'added' | 'removed' | null;
}

export interface TermsDiffEntry {
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  key: string;
  kind: TermsUnit['kind'];
  section: string | null;
  parts: DiffPart[];
  fallback: boolean;
}

export interface TermsDiff {
  entries: TermsDiffEntry[];
  changed: number;
  added: number;
  removed: number;
}

const segmenters: Partial<Record<TermsLanguage, Intl.Segmenter>> = {};

function wordDiff(before: string, after: string, lang: TermsLanguage): DiffPart[] {
  // Chinese has no spaces between words: a word segmenter finds them (so a changed term, not the
  // whole paragraph, is marked).
  const intlSegmenter = lang === 'zh' ? (segmenters.zh ??= new Intl.Segmenter('zh', { granularity: 'word' })) : undefined;
  const changes: ChangeObject<string>[] | undefined = diffWords(before, after, { intlSegmenter, timeout: 2000 });
  if (!changes) {
    return [
      { value: before, change: 'removed' },
      { value: after, change: 'added' },
    ];
  }
  return changes.map((c) => ({ value: c.value, change: c.added ? 'added' : c.removed ? 'removed' : null }));
}

/**
 * A word-level diff of two versions in one language. Units are first matched as wholes (so an
 * unchanged clause stays one unchanged entry), then each changed unit is diffed word by word against
 * its counterpart: the unit with the same anchor if there is one, else the next one in order.
 */
export function diffTerms(before: TermsDocument, after: TermsDocument, lang: TermsLanguage): TermsDiff {
  const a = termsUnits(before, lang);
  const b = termsUnits(after, lang);
  const ops = diffArrays(
    a.map((u) => `${u.kind}\u0000${u.text}`),
    b.map((u) => `${u.kind}\u0000${u.text}`),
  );
  const entries: TermsDiffEntry[] = [];
  let i = 0;
  let j = 0;
  let removedRun: TermsUnit[] = [];
  let addedRun: TermsUnit[] = [];

  const flush = () => {
    const used = new Set<TermsUnit>();
    const partnerOf = new Map<TermsUnit, TermsUnit>();
    for (const added of addedRun) {
      const sameKey = removedRun.find((r) => r.key === added.key && r.kind === added.kind && !used.has(r));
      if (sameKey) {
        used.add(sameKey);
        partnerOf.set(added, sameKey);
      }
    }
    for (const added of addedRun) {
      if (partnerOf.has(added)) continue;
      const next = removedRun.find((r) => r.kind === added.kind && !used.has(r));
      if (next) {
        used.add(next);
        partnerOf.set(added, next);
      }
    }
    for (const removed of removedRun) {
      if (used.has(removed)) continue;
      entries.push({ status: 'removed', key: removed.key, kind: removed.kind, section: removed.section, parts: [{ value: removed.text, change: 'removed' }], fallback: removed.fallback });
    }
    for (const added of addedRun) {
      const partner = partnerOf.get(added);
      entries.push(
        partner
          ? { status: 'changed', key: added.key, kind: added.kind, section: added.section, parts: wordDiff(partner.text, added.text, lang), fallback: added.fallback || partner.fallback }
          : { status: 'added', key: added.key, kind: added.kind, section: added.section, parts: [{ value: added.text, change: 'added' }], fallback: added.fallback },
      );
    }
    removedRun = [];
    addedRun = [];
  };

  for (const op of ops) {
    if (op.removed) {
      removedRun.push(...a.slice(i, i + op.count));
      i += op.count;
    } else if (op.added) {
      addedRun.push(...b.slice(j, j + op.count));
      j += op.count;
    } else {
      flush();
      for (let k = 0; k < op.count; k += 1) {
        const unit = b[j + k];
        entries.push({ status: 'unchanged', key: unit.key, kind: unit.kind, section: unit.section, parts: [{ value: unit.text, change: null }], fallback: unit.fallback });
      }
      i += op.count;
      j += op.count;
    }
  }
  flush();
  const count = (s: TermsDiffEntry['status']) => entries.filter((e) => e.status === s).length;
  return { entries, changed: count('changed'), added: count('added'), removed: count('removed') };
}
