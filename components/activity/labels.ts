import type { getTranslations } from 'next-intl/server';
import { describeUserAgent } from '@/lib/audit/describe-user-agent';

type Translator = Awaited<ReturnType<typeof getTranslations<'activity'>>>;

/** "Chrome 131 on macOS", from a User-Agent header. */
export function browserLabel(t: Translator, userAgent: string | null): string {
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return t('browserOn', { browser, os });
  return browser ?? os ?? t('unknownBrowser');
}

export function providerLabel(t: Translator, provider: string | null): string {
  if (!provider) return '—';
  return t.has(`providers.${provider}`) ? t(`providers.${provider}`) : provider;
}

/** A record kind or action name in words; kinds other areas add later still read sensibly. */
export function actionLabel(t: Translator, kind: string): string {
  return t.has(`kinds.${kind}`) ? t(`kinds.${kind}`) : t('unknownAction', { kind });
}

/** What support tried while viewing as the customer, e.g. "Top up" (refused). */
export function attemptLabel(t: Translator, action: string): string {
  return t.has(`attempts.${action}`) ? t(`attempts.${action}`) : actionLabel(t, action);
}
