import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInButtons } from '@/components/shell/sign-in-buttons';
import { LanguageSwitch } from '@/components/shell/language-switch';
import { Alert } from '@/components/ui/alert';
import type { SignInRefusal } from '@/lib/auth/complete-sign-in';
import { openToAnyone } from '@/lib/auth/guard';
import { configuredProviders } from '@/lib/auth/options';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { sameOriginPath } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

const SIGN_IN_REFUSALS = ['email_missing', 'email_unverified', 'account_unverified'] as const satisfies readonly SignInRefusal[];

function isSignInRefusal(value: string): value is SignInRefusal {
  return (SIGN_IN_REFUSALS as readonly string[]).includes(value);
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  openToAnyone('/sign-in');
  const { callbackUrl, error } = await searchParams;
  // Only paths on the portal's own origin are followed after sign-in.
  const target = sameOriginPath(typeof callbackUrl === 'string' ? callbackUrl : undefined, config().appUrl);
  if (await getViewer()) redirect(target);
  const t = await getTranslations('signin');
  const ts = await getTranslations('session');
  const providers = configuredProviders().map((p) => ({ id: p.id, name: p.name }));
  return (
    <main id="main" className="grid min-h-screen place-items-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-4 flex justify-end">
          <LanguageSwitch />
        </div>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
        {error ? (
          <Alert tone="error" className="mt-4">
            {isSignInRefusal(error) ? ts(`signInErrors.${error}`) : t('error')}
          </Alert>
        ) : null}
        <SignInButtons providers={providers} callbackUrl={target} />
        {config().demoMode ? <p className="mt-6 text-xs text-slate-600 dark:text-slate-400">{t('demoHint')}</p> : null}
      </div>
    </main>
  );
}
