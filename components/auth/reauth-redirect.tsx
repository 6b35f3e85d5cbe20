'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from '@/components/shell/client-i18n';
import { useEffect, useRef, useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { reauthParams } from '@/lib/auth/session-policy';

/**
 * Sends the user through their provider again (asking it to prompt, not to answer from its own
 * session) and back to `callbackUrl`. Starts at once; the button is there when scripts were slow
 * or the user came back with the browser's Back button.
 */
export function ReauthRedirect({ provider, callbackUrl }: { provider: string; callbackUrl: string }) {
  const t = useTranslations('session.reauth');
  const [pending, setPending] = useState(false);
  const started = useRef(false);
  const go = () => {
    setPending(true);
    void signIn(provider, { callbackUrl }, reauthParams(provider));
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    go();
  });
  return (
    <div className="mt-6 flex flex-wrap gap-3">
      <button type="button" disabled={pending} className={buttonClasses('primary')} onClick={go}>
        {t('continue')}
      </button>
      <a href={callbackUrl} className={buttonClasses('ghost')}>
        {t('cancel')}
      </a>
    </div>
  );
}
