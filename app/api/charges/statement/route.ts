import { getTranslations } from 'next-intl/server';
import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { pdfDownloadResponse } from '@/lib/pdf/response';
import { statementPdf } from '@/lib/statements/statement-download';

/** GET /api/charges/statement?month=YYYY-MM — the monthly statement of any past month as a PDF download. */
export const GET = viewerRoute({ policy: 'GET /api/charges/statement' }, async (request, viewer) => {
  const month = new URL(request.url).searchParams.get('month');
  const result = await statementPdf(getDb(), { accountId: viewer.accountId, month, now: new Date(), timeZone: config().billingTimeZone });
  if (!result.ok) {
    const t = await getTranslations('charges.statement.errors');
    return apiError(result.code === 'not_found' ? 404 : 400, result.code, t(result.code), result.code === 'not_found' ? undefined : 'month');
  }
  return pdfDownloadResponse(result.pdf, result.fileName);
});
