import { viewerRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { getInvoicePdf } from '@/lib/invoices/invoice-queries';
import { pdfResponse } from '@/lib/invoices/pdf-response';

/** Finance: the frozen PDF of any issued invoice or credit note. */
export const GET = viewerRoute<{ params: Promise<{ id: string }> }>({ policy: 'GET /api/finance/invoices/[id]/pdf' }, async (_request, _viewer, context) => {
  const { id } = await context.params;
  const pdf = await getInvoicePdf(getDb(), { invoiceId: id });
  if (!pdf) return apiError(404, 'not_found', 'No such invoice');
  return pdfResponse(pdf);
});
