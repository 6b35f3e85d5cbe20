import { viewerRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { getInvoicePdf } from '@/lib/invoices/invoice-queries';
import { pdfResponse } from '@/lib/invoices/pdf-response';

/**
 * A customer's own issued invoice or credit note as the PDF frozen at issue. Any other id — another
 * customer's, a request not issued yet, nonsense — is the same 404, so existence never leaks.
 */
export const GET = viewerRoute<{ params: Promise<{ id: string }> }>({ policy: 'GET /api/invoices/[id]/pdf' }, async (_request, viewer, context) => {
  const { id } = await context.params;
  const pdf = await getInvoicePdf(getDb(), { invoiceId: id, accountId: viewer.accountId });
  if (!pdf) return apiError(404, 'not_found', 'No such invoice');
  return pdfResponse(pdf);
});
