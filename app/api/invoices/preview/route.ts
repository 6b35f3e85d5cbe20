import { NextResponse } from 'next/server';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { viewerRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { zodApiError } from '@/lib/http/api-error';
import { invoiceDocumentView } from '@/lib/invoices/document-view';
import { previewInvoice } from '@/lib/invoices/request-invoice';

const query = z.object({ from: z.string().regex(/^\d{4}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}$/) });

/** The invoice a request for these months would give: lines per service and rate, totals, capitals. */
export const GET = viewerRoute({ policy: 'GET /api/invoices/preview' }, async (request, viewer) => {
  const url = new URL(request.url);
  const parsed = query.safeParse({ from: url.searchParams.get('from'), to: url.searchParams.get('to') });
  if (!parsed.success) return zodApiError(parsed.error);
  // Refused with 422 (InvoiceError, answered by viewerRoute).
  const { document, chargeCount, periodFrom, periodTo } = await previewInvoice(getDb(), { accountId: viewer.accountId, fromMonth: parsed.data.from, toMonth: parsed.data.to });
  return NextResponse.json(
    { view: invoiceDocumentView(document, await getLocale()), grossFen: document.total.gross.toString(), chargeCount, periodFrom, periodTo },
    { headers: { 'cache-control': 'no-store' } },
  );
});
