'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** The history could not be read (the database was unreachable, …): say so and offer to try again. */
export default function ChargesError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('charges');
  return (
    <Alert tone="error">
      <p className="font-semibold">{t('errorPage')}</p>
      <Button variant="secondary" className="mt-3" onClick={reset}>
        {t('retry')}
      </Button>
    </Alert>
  );
}
