'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { signInWith } from './auth-client';

export function SignInButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const t = useTranslations('signin');
  const [pending, setPending] = useState<string | null>(null);
  return (
    <ul className="mt-6 space-y-3">
      {providers.map((p) => (
        <li key={p.id}>
          <button
            type="button"
            disabled={pending !== null}
            className={buttonClasses('primary', 'w-full')}
            onClick={() => {
              setPending(p.id);
              void signInWith(p.id, callbackUrl);
            }}
          >
            {pending === p.id ? t('redirecting') : t('with', { provider: p.id === 'demo' ? t('demoProvider') : p.name })}
          </button>
        </li>
      ))}
    </ul>
  );
}
