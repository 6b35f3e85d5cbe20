import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { pdfDownloadResponse } from '@/lib/pdf/response';
import { statementPdf } from '@/lib/statements/statement-download';

/** GET /api/charges/statement?month=YYYY-MM — the monthly statement of any past month as a PDF download. */
export const GET = viewerRoute({ policy: 'GET /api/charges/statement' }, async (request, viewer) => {
  const month = new URL(request.url).searchParams.get('month');
  // A bad month is refused with 400, a missing account with 404 (a DomainError, answered by viewerRoute).
  const result = await statementPdf(getDb(), { accountId: viewer.accountId, month, now: new Date(), timeZone: config().billingTimeZone });
  return pdfDownloadResponse(result.pdf, result.fileName);
});
