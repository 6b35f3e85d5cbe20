import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ReauthRedirect } from '@/components/auth/reauth-redirect';
import { requireViewer } from '@/lib/auth/guard';
import { configuredProviders } from '@/lib/auth/options';
import { config } from '@/lib/config';
import { sameOriginPath } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('session.reauth');
  return { title: t('title') };
}


/** A step that needs a recent sign-in sends the user here: through their provider again, then back. */
export default async function ReauthPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  // Signed in (else to sign-in and back here), before the declaration too: staff and customers alike.
  const viewer = await requireViewer('/reauth');
  const { callbackUrl } = await searchParams;
  // Only paths on the portal's own origin are followed afterwards (a repeated parameter counts as none).
  const target = sameOriginPath(typeof callbackUrl === 'string' ? callbackUrl : undefined, config().appUrl);
  const t = await getTranslations('session.reauth');
  const tSignIn = await getTranslations('signin');
  const provider = configuredProviders().find((p) => p.id === viewer.provider);
  // A provider switched off since this sign-in: the sign-in page offers the ones there are.
  if (!provider) redirect(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
  const providerName = provider.id === 'demo' ? tSignIn('demoProvider') : provider.name;
  return (
    <main id="main" className="grid min-h-screen place-items-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('body', { provider: providerName })}</p>
        <ReauthRedirect provider={provider.id} callbackUrl={target} />
      </div>
    </main>
  );
}
