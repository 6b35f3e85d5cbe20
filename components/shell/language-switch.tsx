'use client';

import { useLocale, useTranslations } from '@/components/shell/client-i18n';
import { useServerAction } from '@/components/ui/use-server-action';
import { setLocale } from '@/lib/i18n/actions';

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('common');
  const { pending, run } = useServerAction();
  const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      lang={next}
      disabled={pending}
      onClick={() => run(() => setLocale(next))}
      className="rounded-md px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      aria-label={t('language.switchTo')}
    >
      {next === 'zh-CN' ? '中文' : 'English'}
    </button>
  );
}
