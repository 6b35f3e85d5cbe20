import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { pdfDownloadResponse } from '@/lib/pdf/response';
import { topUpReceipt } from '@/lib/payments/top-up-receipt';

export const dynamic = 'force-dynamic';

/** The receipt (PDF, both languages, not a VAT invoice) of one of the viewer's paid top-ups; anything else is the same 404. */
export const GET = viewerRoute<{ params: Promise<{ paymentId: string }> }>({ policy: 'GET /api/payments/[paymentId]/receipt' }, async (_request, viewer, context) => {
  const { paymentId } = await context.params;
  const cfg = config();
  const receipt = await topUpReceipt(getDb(), { accountId: viewer.accountId, paymentId, seller: cfg.seller, timeZone: cfg.billingTimeZone });
  if (!receipt) return apiError(404, 'not_found', 'No paid top-up with this id on this account');
  return pdfDownloadResponse(receipt.pdf, receipt.fileName);
});
