import type { TermsLanguage } from './parse-terms';

/** The terms language asked for in a URL (`?lang=en|zh`), else the one matching the interface language. */
export function termsLanguage(param: string | string[] | undefined, uiLocale: string): TermsLanguage {
  const value = Array.isArray(param) ? param[0] : param;
  if (value === 'en' || value === 'zh') return value;
  return uiLocale.startsWith('zh') ? 'zh' : 'en';
}

/** A positive integer from a URL parameter, or null. */
export function versionParam(param: string | string[] | undefined): number | null {
  const value = Array.isArray(param) ? param[0] : param;
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}
