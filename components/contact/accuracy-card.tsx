import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { AccuracyPrompt } from '@/lib/contact/contact-details';
import { ConfirmAccuracyButton } from './confirm-accuracy-button';

/** The explicit "these details are accurate" confirmation with the date it was last given. */
export async function AccuracyCard({ confirmedAt, prompt, disabled }: { confirmedAt: Date | null; prompt: AccuracyPrompt | null; disabled: boolean }) {
  const t = await getTranslations('contact');
  const format = await getFormatter();
  return (
    <Card aria-labelledby="contact-accuracy-heading" className={prompt ? 'border-amber-400 dark:border-amber-700' : undefined}>
      <h2 id="contact-accuracy-heading" className="text-lg font-semibold">
        {t('accuracy.heading')}
      </h2>
      <p className="mt-1 text-sm">{t('accuracy.explain')}</p>
      <p className="mt-2 text-sm font-medium" data-testid="accuracy-last-confirmed">
        {confirmedAt ? t('accuracy.lastConfirmed', { date: format.dateTime(confirmedAt, { dateStyle: 'long' }) }) : t('accuracy.neverConfirmed')}
      </p>
      <div className="mt-3">
        <ConfirmAccuracyButton disabled={disabled} />
      </div>
    </Card>
  );
}
