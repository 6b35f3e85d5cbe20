'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { confirmAccuracy } from '@/lib/contact/actions';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/** "These details are accurate": used on the contact page and in the banner. */
export function ConfirmAccuracyButton({ disabled = false, variant = 'primary' }: { disabled?: boolean; variant?: 'primary' | 'secondary' }) {
  const t = useTranslations('contact');
  const { pending, feedback, run } = useServerAction();
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant={variant} disabled={disabled || pending} onClick={() => run(() => confirmAccuracy({}))}>
        {pending ? t('working') : t('accuracy.confirm')}
      </Button>
      {feedback ? (
        <p role={feedback.tone === 'error' ? 'alert' : 'status'} className={feedback.tone === 'error' ? 'text-sm font-medium text-red-800 dark:text-red-300' : 'text-sm text-emerald-800 dark:text-emerald-300'}>
          {feedback.text}
        </p>
      ) : null}
    </div>
  );
}
