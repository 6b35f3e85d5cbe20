/*
 * The operator writes the terms as one bilingual text (see content/2026-11-26.txt):
 * - the first line is the title, then sections whose headings read "English 中文";
 * - paragraphs are separated by blank lines; "1.…" starts a numbered clause, "(1) … (2) …" a list,
 *   which belongs to the clause just before it;
 * - Chinese passages are paragraphs of their own, written after the English ones. A Chinese
 *   clause "1.…" translates clause 1 of its section; a Chinese list translates the untranslated
 *   list of its section with as many items; any other Chinese paragraph translates the English
 *   paragraph just before it. A Chinese passage that matches nothing is kept, Chinese only.
 * Parsing never drops text: every character of the source ends up in the document.
 */

export type TermsLanguage = 'en' | 'zh';
export type Residence = 'CN' | 'other';

/** A passage in both languages; either may be missing (the operator's Chinese is partial). */
export interface Bilingual {
  en: string | null;
  zh: string | null;
}

export interface TermsListItem {
  /** "(1)", "(2)" … as written. */
  label: string;
  text: Bilingual;
}

export interface TermsBlock {
  /** Anchor, stable across languages: `<section id>-<clause number>` or `<section id>-p<n>`. */
  id: string;
  kind: 'paragraph' | 'clause' | 'list';
  /** Clause number for `clause`, else null. */
  number: number | null;
  text: Bilingual;
  /** The clause's list (or the items of a `list` block). */
  items: TermsListItem[];
  /** In the governing-law section: whose residence the paragraph is about. */
  appliesTo: Residence | null;
}

export type TermsSectionRole = 'governing_law' | 'important_notice' | null;

export interface TermsSection {
  id: string;
  /** 1-based position in the document. */
  position: number;
  title: Bilingual;
  role: TermsSectionRole;
  blocks: TermsBlock[];
}

export interface TermsDocument {
  title: Bilingual;
  sections: TermsSection[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN = /[A-Za-z]/g;
const BILINGUAL_HEADING = /^([A-Za-z][^\u3400-\u9fff]*?)\s*([\u3400-\u9fff][^A-Za-z]*)$/;
const CLAUSE = /^(\d{1,3})[.．、]\s*([\s\S]*)$/;
const LIST_START = /^[(（]1[)）]\s*/;
const LIST_ITEM = /[(（](\d{1,2})[)）]\s*/g;

/** A paragraph is Chinese when it has more Chinese characters than Latin letters. */
export function isChinese(text: string): boolean {
  return (text.match(CJK)?.length ?? 0) > (text.match(LATIN)?.length ?? 0);
}

function headingOf(line: string): Bilingual | null {
  if (line.length > 120 || /^[\d(（]/.test(line)) return null;
  const bilingual = BILINGUAL_HEADING.exec(line);
  if (bilingual) return { en: bilingual[1].trim(), zh: bilingual[2].trim() };
  // An English-only heading: a short line without sentence punctuation.
  if (line.length <= 80 && /^[A-Z]/.test(line) && !/[.:;,。：；，]$/.test(line) && !isChinese(line)) return { en: line, zh: null };
  return null;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[’'`]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

function splitListItems(text: string): Array<{ label: string; text: string }> {
  // Only markers numbered 1, 2, 3 … in sequence split the list; "(see (a))" in a sentence does not.
  const starts: RegExpMatchArray[] = [];
  for (const mark of text.matchAll(LIST_ITEM)) {
    if (Number(mark[1]) === starts.length + 1) starts.push(mark);
  }
  return starts.map((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = i + 1 < starts.length ? (starts[i + 1].index ?? text.length) : text.length;
    return { label: `(${m[1]})`, text: text.slice(from, to).trim() };
  });
}

function joinLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (!acc) return line;
    // Chinese text wraps without spaces; English with one.
    const glue = /[\u3400-\u9fff，。；：]$/.test(acc) && /^[\u3400-\u9fff]/.test(line) ? '' : ' ';
    return acc + glue + line;
  }, '');
}

function residenceOf(text: string): Residence | null {
  if (/non-Chinese|outside (mainland )?China|elsewhere|非中国|中国境外|境外/i.test(text)) return 'other';
  if (/resident of (the People.s Republic of )?China|中国居民|中国境内/i.test(text)) return 'CN';
  return null;
}

function roleOf(title: Bilingual): TermsSectionRole {
  const both = `${title.en ?? ''} ${title.zh ?? ''}`;
  if (/governing law|法律适用/i.test(both)) return 'governing_law';
  if (/important notice|重要声明/i.test(both)) return 'important_notice';
  return null;
}

interface Draft {
  section: TermsSection;
  paragraphCount: number;
}

function addEnglish(draft: Draft, text: string): void {
  const { section } = draft;
  const clause = CLAUSE.exec(text);
  if (LIST_START.test(text)) {
    const items = splitListItems(text).map((i) => ({ label: i.label, text: { en: i.text, zh: null } }));
    const last = section.blocks.at(-1);
    if (last && last.kind === 'clause' && last.items.length === 0) {
      last.items = items;
      return;
    }
    draft.paragraphCount += 1;
    section.blocks.push({ id: `${section.id}-p${draft.paragraphCount}`, kind: 'list', number: null, text: { en: null, zh: null }, items, appliesTo: null });
    return;
  }
  if (clause) {
    const number = Number(clause[1]);
    const taken = section.blocks.some((b) => b.id === `${section.id}-${number}`);
    draft.paragraphCount += taken ? 1 : 0;
    section.blocks.push({
      id: taken ? `${section.id}-p${draft.paragraphCount}` : `${section.id}-${number}`,
      kind: 'clause',
      number,
      text: { en: clause[2].trim(), zh: null },
      items: [],
      appliesTo: section.role === 'governing_law' ? residenceOf(text) : null,
    });
    return;
  }
  draft.paragraphCount += 1;
  section.blocks.push({
    id: `${section.id}-p${draft.paragraphCount}`,
    kind: 'paragraph',
    number: null,
    text: { en: text, zh: null },
    items: [],
    appliesTo: section.role === 'governing_law' ? residenceOf(text) : null,
  });
}

function addChinese(draft: Draft, text: string): void {
  const { section } = draft;
  if (LIST_START.test(text)) {
    const items = splitListItems(text);
    const target = section.blocks.find((b) => b.items.length === items.length && b.items.every((i) => i.text.zh === null && i.text.en !== null));
    if (target) {
      target.items.forEach((item, i) => (item.text.zh = items[i].text));
      return;
    }
    draft.paragraphCount += 1;
    section.blocks.push({
      id: `${section.id}-p${draft.paragraphCount}`,
      kind: 'list',
      number: null,
      text: { en: null, zh: null },
      items: items.map((i) => ({ label: i.label, text: { en: null, zh: i.text } })),
      appliesTo: null,
    });
    return;
  }
  const clause = CLAUSE.exec(text);
  if (clause) {
    const number = Number(clause[1]);
    const target = section.blocks.find((b) => b.kind === 'clause' && b.number === number && b.text.zh === null && b.text.en !== null);
    if (target) {
      target.text.zh = clause[2].trim();
      target.appliesTo ??= section.role === 'governing_law' ? residenceOf(text) : null;
      return;
    }
  }
  const last = section.blocks.at(-1);
  if (!clause && last && last.kind === 'paragraph' && last.text.en !== null && last.text.zh === null) {
    last.text.zh = text;
    return;
  }
  draft.paragraphCount += 1;
  section.blocks.push({
    id: `${section.id}-p${draft.paragraphCount}`,
    kind: clause ? 'clause' : 'paragraph',
    number: clause ? Number(clause[1]) : null,
    text: { en: null, zh: clause ? clause[2].trim() : text },
    items: [],
    appliesTo: section.role === 'governing_law' ? residenceOf(text) : null,
  });
}

/** Parses the operator's bilingual terms text. Throws when there is no title. */
export function parseTerms(source: string): TermsDocument {
  const lines = source.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (!line) {
      if (current.length) paragraphs.push(current);
      current = [];
      continue;
    }
    // A bilingual heading stands alone even without blank lines around it.
    if (BILINGUAL_HEADING.test(line) && line.length <= 120 && !/^[\d(（]/.test(line)) {
      if (current.length) paragraphs.push(current);
      paragraphs.push([line]);
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) paragraphs.push(current);
  if (!paragraphs.length) throw new Error('The terms text is empty');

  const [titleLines, ...rest] = paragraphs;
  const titleLine = joinLines(titleLines);
  const title = headingOf(titleLine) ?? { en: titleLine, zh: null };
  const doc: TermsDocument = { title, sections: [] };
  const usedIds = new Set<string>();
  let draft: Draft | null = null;

  for (const para of rest) {
    const text = joinLines(para);
    const heading = para.length === 1 ? headingOf(text) : null;
    if (heading) {
      const base = slug(heading.en ?? `section-${doc.sections.length + 1}`);
      let id = base;
      for (let n = 2; usedIds.has(id); n += 1) id = `${base}-${n}`;
      usedIds.add(id);
      const section: TermsSection = { id, position: doc.sections.length + 1, title: heading, role: roleOf(heading), blocks: [] };
      doc.sections.push(section);
      draft = { section, paragraphCount: 0 };
      continue;
    }
    if (!draft) {
      // Text before the first heading: an untitled preamble.
      const section: TermsSection = { id: 'preamble', position: 1, title: { en: null, zh: null }, role: null, blocks: [] };
      usedIds.add('preamble');
      doc.sections.push(section);
      draft = { section, paragraphCount: 0 };
    }
    if (isChinese(text)) addChinese(draft, text);
    else addEnglish(draft, text);
  }
  return doc;
}

/** Text of a passage in a language; in Chinese, the English where no Chinese was provided. */
export function inLanguage(text: Bilingual, lang: TermsLanguage): { text: string; fallback: boolean } | null {
  if (lang === 'zh') {
    if (text.zh !== null) return { text: text.zh, fallback: false };
    return text.en !== null ? { text: text.en, fallback: true } : null;
  }
  if (text.en !== null) return { text: text.en, fallback: false };
  return text.zh !== null ? { text: text.zh, fallback: true } : null;
}

export interface TranslationCoverage {
  /** Passages (headings, paragraphs, clauses, list items) with English text. */
  total: number;
  /** Of those, how many have Chinese text. */
  translated: number;
  /** Sections whose body has at least one Chinese passage. */
  sectionsWithChineseBody: string[];
}

/** How much of the document the operator provided in Chinese (shown honestly in the zh view). */
export function translationCoverage(doc: TermsDocument): TranslationCoverage {
  let total = 0;
  let translated = 0;
  const count = (t: Bilingual) => {
    if (t.en === null) return false;
    total += 1;
    if (t.zh !== null) translated += 1;
    return t.zh !== null;
  };
  count(doc.title);
  const sectionsWithChineseBody: string[] = [];
  for (const section of doc.sections) {
    count(section.title);
    let body = false;
    for (const block of section.blocks) {
      if (count(block.text)) body = true;
      for (const item of block.items) if (count(item.text)) body = true;
      if (block.text.en === null && block.text.zh !== null) body = true;
    }
    if (body) sectionsWithChineseBody.push(section.id);
  }
  return { total, translated, sectionsWithChineseBody };
}

export interface TermsProblem {
  code: 'no_sections' | 'no_governing_law' | 'governing_law_residence';
  message: string;
}

/**
 * What a version needs for the portal to show it: sections, and a governing-law section with a
 * paragraph for residents of China and one for residents elsewhere (the /terms page highlights the one
 * that applies to the reader).
 */
export function checkTermsDocument(doc: TermsDocument): TermsProblem[] {
  const problems: TermsProblem[] = [];
  if (!doc.sections.some((s) => s.blocks.length > 0)) problems.push({ code: 'no_sections', message: 'The text has no sections (headings such as "Account Safety 账户安全").' });
  const law = doc.sections.find((s) => s.role === 'governing_law');
  if (!law) {
    problems.push({ code: 'no_governing_law', message: 'The text has no "Governing Laws and Dispute Resolution" section.' });
  } else {
    const residences = new Set(law.blocks.map((b) => b.appliesTo));
    if (!residences.has('CN') || !residences.has('other')) {
      problems.push({
        code: 'governing_law_residence',
        message: 'The governing-law section needs a paragraph for residents of China ("If you are a resident of China …") and one for residents elsewhere ("… of a non-Chinese region …").',
      });
    }
  }
  return problems;
}
