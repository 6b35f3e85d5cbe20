'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { markAllNoticesAsRead, markNoticeAsRead } from '@/lib/notices/actions';
import { Button } from '@/components/ui/button';

/** Marks one notice read (noticeId) or all of them; the page and the header count re-render from the server. */
export function MarkReadButton({ noticeId, label, disabled = false }: { noticeId?: string; label: string; disabled?: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        variant={noticeId ? 'ghost' : 'secondary'}
        disabled={disabled || pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = noticeId ? await markNoticeAsRead({ noticeId }) : await markAllNoticesAsRead({});
            if (!result.ok) setError(result.error.message);
            router.refresh();
          })
        }
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
