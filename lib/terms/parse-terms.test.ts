import { describe, expect, it } from 'vitest';
import { checkTermsDocument, inLanguage, isChinese, parseTerms, translationCoverage } from './parse-terms';
import { readFirstTermsSource } from './seed-terms';

const shipped = parseTerms(readFirstTermsSource());

/** How often each non-space character occurs: parsing must keep every character of the source. */
function characterCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of text.replace(/\s+/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

describe('parseTerms on the operator text', () => {
  it('reads the bilingual title and the eleven sections with both headings', () => {
    expect(shipped.title).toEqual({ en: 'Terms of use', zh: '使用条款' });
    expect(shipped.sections.map((s) => s.title.en)).toEqual([
      'Statement',
      'Account Safety',
      'Regulations of Using Internet Service',
      'Your Rights and Obligations',
      'The Site’s Rights and Obligations',
      'Scope and Limits of Responsibilities',
      'System Interrupt or Breakdown',
      'Entire Agreement',
      'Protection of the Trademark and Property Right',
      'Governing Laws and Dispute Resolution',
      'Important Notice',
    ]);
    expect(shipped.sections.every((s) => s.title.zh)).toBe(true);
    expect(shipped.sections[4]).toMatchObject({ id: 'the-sites-rights-and-obligations', title: { zh: '本站的权利和义务' } });
  });

  it('numbers clauses and gives each an anchor of its section and number', () => {
    const rights = shipped.sections.find((s) => s.id === 'your-rights-and-obligations')!;
    expect(rights.blocks.map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(rights.blocks[3].id).toBe('your-rights-and-obligations-4');
    const statement = shipped.sections[0];
    expect(statement.blocks.map((b) => b.kind)).toEqual(['paragraph', 'clause', 'clause', 'clause', 'clause']);
    expect(statement.blocks[1].text.en).toMatch(/^You shall agree: the Site shall have the right/);
  });

  it('attaches a "(1) … (8)" list to the clause before it and matches the Chinese list to it', () => {
    const clause9 = shipped.sections[3].blocks[8];
    expect(clause9.items).toHaveLength(8);
    expect(clause9.items[0]).toEqual({ label: '(1)', text: { en: 'That is against the general principles established in the Constitution;', zh: '反对宪法所确定的基本原则的;' } });
    const clause3 = shipped.sections[4].blocks[2];
    expect(clause3.number).toBe(3);
    expect(clause3.items.every((i) => i.text.en && i.text.zh)).toBe(true);
    expect(clause3.items[7].text.zh).toBe('本站及本站关联站所有网站有权使用您的资料和信息。');
    // Matched passages are not repeated as blocks of their own.
    expect(shipped.sections[3].blocks).toHaveLength(11);
    expect(shipped.sections[4].blocks).toHaveLength(4);
  });

  it('finds the governing-law paragraphs for residents of China and elsewhere', () => {
    const law = shipped.sections.find((s) => s.role === 'governing_law')!;
    expect(law.blocks.map((b) => b.appliesTo)).toEqual(['CN', 'other', null, null]);
    expect(checkTermsDocument(shipped)).toEqual([]);
    expect(shipped.sections.at(-1)?.role).toBe('important_notice');
  });

  it('keeps every character of the source', () => {
    const parts: string[] = [shipped.title.en ?? '', shipped.title.zh ?? ''];
    for (const s of shipped.sections) {
      parts.push(s.title.en ?? '', s.title.zh ?? '');
      for (const b of s.blocks) {
        parts.push(b.number !== null ? `${b.number}.` : '', b.text.en ?? '', b.text.zh ?? '');
        // Each language wrote its own "(1)" labels.
        for (const i of b.items) parts.push(i.text.en !== null ? i.label : '', i.text.en ?? '', i.text.zh !== null ? i.label : '', i.text.zh ?? '');
      }
    }
    const kept = characterCounts(parts.join(''));
    const source = characterCounts(readFirstTermsSource());
    const differences = [...new Set([...kept.keys(), ...source.keys()])].filter((c) => kept.get(c) !== source.get(c));
    expect(differences).toEqual([]);
  });

  it('reports honestly how little of it is in Chinese', () => {
    const coverage = translationCoverage(shipped);
    expect(coverage.sectionsWithChineseBody).toEqual(['your-rights-and-obligations', 'the-sites-rights-and-obligations']);
    // Title, 11 headings and 16 list items.
    expect(coverage.translated).toBe(28);
    expect(coverage.total).toBeGreaterThan(70);
  });
});

describe('parseTerms on other texts', () => {
  it('matches a Chinese clause to the English clause with its number, and a Chinese paragraph to the paragraph before it', () => {
    const doc = parseTerms(
      [
        'Terms 条款',
        'Account Safety 账户安全',
        'You are responsible for your password.',
        '您对您的密码负责。',
        '1.First rule.',
        '2.Second rule.',
        '2.第二条规则。',
        'Governing Law 法律适用',
        'If you are a resident of China, PRC law applies.',
        'If you are a resident of a non-Chinese region, your local law applies.',
      ].join('\n\n'),
    );
    const [safety, law] = doc.sections;
    expect(safety.blocks.map((b) => [b.id, b.text.zh])).toEqual([
      ['account-safety-p1', '您对您的密码负责。'],
      ['account-safety-1', null],
      ['account-safety-2', '第二条规则。'],
    ]);
    expect(law.role).toBe('governing_law');
    expect(checkTermsDocument(doc)).toEqual([]);
  });

  it('accepts English-only headings and keeps an unmatched Chinese passage, Chinese only', () => {
    const doc = parseTerms('Terms\n\nFees\n\n1.You pay fees.\n\n补充说明：费用不含税。');
    expect(doc.sections[0].title).toEqual({ en: 'Fees', zh: null });
    expect(doc.sections[0].blocks[1].text).toEqual({ en: null, zh: '补充说明：费用不含税。' });
    expect(checkTermsDocument(doc).map((p) => p.code)).toEqual(['no_governing_law']);
  });

  it('refuses a governing-law section without a paragraph for each residence', () => {
    const doc = parseTerms('Terms 条款\n\nGoverning Laws 法律适用\n\nPRC law applies to everyone.');
    expect(checkTermsDocument(doc).map((p) => p.code)).toEqual(['governing_law_residence']);
  });

  it('falls back to English in the Chinese view only where no Chinese was given', () => {
    expect(inLanguage({ en: 'Fees', zh: '费用' }, 'zh')).toEqual({ text: '费用', fallback: false });
    expect(inLanguage({ en: 'Fees', zh: null }, 'zh')).toEqual({ text: 'Fees', fallback: true });
    expect(inLanguage({ en: null, zh: '费用' }, 'en')).toEqual({ text: '费用', fallback: true });
    expect(isChinese('(1) 反对宪法所确定的基本原则的;')).toBe(true);
    expect(isChinese('That insults others。')).toBe(false);
  });
});
