'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure origin, denied permission): the older way.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Copies a value and says so (visibly and to screen readers) for a few seconds. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations('overview.copy');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 3000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="inline-flex items-center gap-3">
      <Button variant="secondary" aria-label={label} onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}>
        {state === 'copied' ? t('copied') : t('button')}
      </Button>
      <span role="status" className="text-sm text-slate-600 dark:text-slate-400" data-testid="copy-feedback">
        {state === 'copied' ? t('copiedFeedback') : state === 'failed' ? t('failed') : ''}
      </span>
    </span>
  );
}
