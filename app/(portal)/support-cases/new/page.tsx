import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ChargeSummaryView } from '@/components/support-cases/charge-summary';
import { MessageForm } from '@/components/support-cases/message-form';
import { TermsNote } from '@/components/support-cases/terms-note';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireViewer } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { describeChargeToAsk } from '@/lib/support-cases/queries';
import { chargeRefFromSearch } from '@/lib/support-cases/rules';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('supportCases.ask');
  return { title: t('title') };
}

/** Ask about one charge: `?transfer=<id>` (a row of the history) or `?day=<YYYY-MM-DD>` (a day's detail). */
export default async function AskQuestionPage({ searchParams }: { searchParams: Promise<{ transfer?: string | string[]; day?: string | string[] }> }) {
  const viewer = await requireViewer('/support-cases/new');
  const t = await getTranslations('supportCases');
  const ref = chargeRefFromSearch(await searchParams);
  const charge = ref ? await describeChargeToAsk(getDb(), viewer.accountId, ref) : null;
  return (
    <>
      <PageHeader title={t('ask.title')} description={t('ask.description')} />
      <TermsNote />
      {ref && charge ? (
        <>
          <ChargeSummaryView charge={charge} />
          <Card>
            <MessageForm
              target={{ kind: 'ask', charge: ref.kind === 'transfer' ? { kind: 'transfer', transferId: ref.transferId.toString() } : { kind: 'day', day: ref.day } }}
            />
          </Card>
        </>
      ) : (
        <div className="space-y-2 text-sm" data-testid="ask-no-charge">
          <p>{ref ? t('errors.charge_not_found') : t('ask.noCharge')}</p>
          <p>
            <Link href="/charges" className="underline underline-offset-2">
              {t('toHistory')}
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
