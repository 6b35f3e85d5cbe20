'use client';

import { markAllNoticesAsRead, markNoticeAsRead } from '@/lib/notices/actions';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

/** Marks one notice read (noticeId) or all of them; the page and the header count re-render from the server. */
export function MarkReadButton({ noticeId, label, disabled = false }: { noticeId?: string; label: string; disabled?: boolean }) {
  const { pending, feedback, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        variant={noticeId ? 'ghost' : 'secondary'}
        disabled={disabled || pending}
        onClick={() => run<unknown>(() => (noticeId ? markNoticeAsRead({ noticeId }) : markAllNoticesAsRead({})))}
      >
        {label}
      </Button>
      {feedback?.tone === 'error' ? (
        <span role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {feedback.text}
        </span>
      ) : null}
    </span>
  );
}
