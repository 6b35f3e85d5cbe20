'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from '@/components/shell/client-i18n';
import { useEffect, useRef, useState } from 'react';
import { endViewingAs } from '@/lib/auth/actions';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

function mmss(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The impersonation banner's live part: the time left (counted on the client against the
 * server's clock) and the End button. When time is up the page is reloaded from the server,
 * which ends the impersonation and shows the staff member's own portal again.
 */
export function ImpersonationControls({ accountId, expiresAt, serverNow }: { accountId: string; expiresAt: string; serverNow: string }) {
  const t = useTranslations('support');
  const router = useRouter();
  const end = Date.parse(expiresAt);
  const [left, setLeft] = useState(() => end - Date.parse(serverNow));
  const { pending, feedback, run } = useServerAction();
  const skew = useRef<number | null>(null);

  useEffect(() => {
    // Server clock minus this browser's clock, measured once: the countdown follows the server.
    skew.current ??= Date.parse(serverNow) - Date.now();
    let refreshedAt = 0;
    const tick = () => {
      const remaining = end - (Date.now() + (skew.current ?? 0));
      setLeft(remaining);
      if (remaining <= 0 && Date.now() - refreshedAt > 5000) {
        refreshedAt = Date.now();
        router.refresh();
      }
    };
    tick();
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [end, serverNow, router]);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className="text-sm">
        <span className="font-medium">{t('banner.timeLeft')}: </span>
        <span role="timer" aria-live="off" className="font-mono tabular-nums" data-testid="impersonation-time-left">
          {mmss(left)}
        </span>
      </p>
      {left <= 0 ? (
        <p role="status" className="text-sm">
          {t('banner.expired')}
        </p>
      ) : null}
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          run(() => endViewingAs({}), {
            refresh: 'never',
            // A full page load, so nothing of the customer's portal stays in the client's cache.
            onSuccess: (data) => window.location.assign(new URL(`/support/customers/${encodeURIComponent(data.accountId ?? accountId)}`, window.location.origin).href),
          })
        }
      >
        {pending ? t('banner.ending') : t('banner.end')}
      </Button>
      {feedback?.tone === 'error' ? (
        <p role="alert" className="text-sm">
          {feedback.text}
        </p>
      ) : null}
    </div>
  );
}
