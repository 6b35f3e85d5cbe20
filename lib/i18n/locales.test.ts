import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locales';

describe('localeFromAcceptLanguage', () => {
  it('picks Chinese for any zh tag with the highest weight', () => {
    expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('fr;q=1,zh-CN;q=0.5')).toBe('zh-CN');
  });
  it('falls back to English', () => {
    expect(localeFromAcceptLanguage(null)).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR,de')).toBe('en');
  });
});
