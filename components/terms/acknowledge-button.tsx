'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { acknowledgeTerms } from '@/lib/terms/actions';
import { Button } from '@/components/ui/button';

export function AcknowledgeButton({ version }: { version: number }) {
  const t = useTranslations('terms');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="primary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await acknowledgeTerms({ version });
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        {pending ? t('banner.acknowledging') : t('banner.acknowledge')}
      </Button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
