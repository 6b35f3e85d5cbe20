import { describe, expect, it } from 'vitest';
import { diffTerms, termsUnits, type DiffPart } from './diff-terms';
import { parseTerms } from './parse-terms';
import { readFirstTermsSource } from './seed-terms';

const v1Source = readFirstTermsSource();
const v1 = parseTerms(v1Source);

const marked = (parts: DiffPart[]) => parts.map((p) => (p.change === 'added' ? `[+${p.value}]` : p.change === 'removed' ? `[-${p.value}]` : p.value)).join('');

describe('diffTerms', () => {
  it('finds nothing between a version and itself', () => {
    const diff = diffTerms(v1, parseTerms(v1Source), 'en');
    expect([diff.changed, diff.added, diff.removed]).toEqual([0, 0, 0]);
    expect(diff.entries.every((e) => e.status === 'unchanged')).toBe(true);
    expect(diff.entries).toHaveLength(termsUnits(v1, 'en').length);
  });

  it('marks the changed words of the one changed clause, in English', () => {
    const v2 = parseTerms(v1Source.replace('charge 0.3% of the overdue payment', 'charge 0.5% of the overdue payment'));
    const diff = diffTerms(v1, v2, 'en');
    expect([diff.changed, diff.added, diff.removed]).toEqual([1, 0, 0]);
    const entry = diff.entries.find((e) => e.status === 'changed')!;
    expect(entry.key).toBe('the-sites-rights-and-obligations-4');
    expect(entry.section).toBe('The Site’s Rights and Obligations');
    expect(marked(entry.parts)).toContain('charge 0.[-3][+5]% of the overdue payment');
    expect(marked(entry.parts).startsWith('4. The Site shall, within 24 hours')).toBe(true);
  });

  it('marks changed Chinese words, not the whole passage, in Chinese', () => {
    const v2 = parseTerms(v1Source.replace('(2) 危害国家安全', '(2) 严重危害国家安全'));
    const diff = diffTerms(v1, v2, 'zh');
    const entry = diff.entries.find((e) => e.status === 'changed')!;
    expect(entry.key).toBe('your-rights-and-obligations-9');
    expect(entry.section).toBe('您的权利和义务');
    expect(entry.parts.filter((p) => p.change)).toEqual([{ value: '严重', change: 'added' }]);
    // The English text is unchanged, so the English diff shows nothing.
    expect(diffTerms(v1, v2, 'en').changed).toBe(0);
  });

  it('shows an added clause as added and a heading change as a change of the heading', () => {
    const v2 = parseTerms(
      v1Source
        .replace('Account Safety 账户安全', 'Account Security 账户安全')
        .replace('bank payment and other problems.', 'bank payment and other problems.\n\n4.Power grid failures in the data centre region.'),
    );
    const diff = diffTerms(v1, v2, 'en');
    expect(diff.entries.filter((e) => e.status !== 'unchanged').map((e) => [e.status, e.key])).toEqual([
      ['changed', 'account-security'],
      ['added', 'system-interrupt-or-breakdown-4'],
    ]);
    // Anchors of the renamed section follow the new heading.
    expect(diff.entries.find((e) => e.key === 'account-security')?.parts).toEqual([
      { value: 'Account ', change: null },
      { value: 'Safety', change: 'removed' },
      { value: 'Security', change: 'added' },
    ]);
  });

  it('in Chinese shows the English where no Chinese exists, and says so', () => {
    const units = termsUnits(v1, 'zh');
    expect(units[0]).toMatchObject({ kind: 'title', text: '使用条款', fallback: false });
    const clause9 = units.find((u) => u.key === 'your-rights-and-obligations-9')!;
    expect(clause9.fallback).toBe(true);
    expect(clause9.text).toContain('(1) 反对宪法所确定的基本原则的;');
    expect(clause9.text.startsWith('9. You shall warrant')).toBe(true);
  });
});
