'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { acknowledgeTerms } from '@/lib/terms/actions';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

export function AcknowledgeButton({ version }: { version: number }) {
  const t = useTranslations('terms');
  const { pending, feedback, run } = useServerAction();
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="primary" disabled={pending} onClick={() => run(() => acknowledgeTerms({ version }), { refresh: 'success' })}>
        {pending ? t('banner.acknowledging') : t('banner.acknowledge')}
      </Button>
      {feedback?.tone === 'error' ? (
        <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {feedback.text}
        </p>
      ) : null}
    </div>
  );
}
