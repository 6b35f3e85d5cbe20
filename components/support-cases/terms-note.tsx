import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';

/** The terms, plainly: a question about a charge does not pause charges. */
export function TermsNote() {
  const t = useTranslations('supportCases.termsNote');
  return (
    <Alert tone="info" className="mb-6">
      <p className="font-semibold" data-testid="charges-continue-heading">
        {t('heading')}
      </p>
      <p className="mt-1">{t('body')}</p>
    </Alert>
  );
}
