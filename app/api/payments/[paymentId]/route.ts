import { NextResponse } from 'next/server';
import { viewerRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { paymentStatusView } from '@/lib/payments/payment-queries';

export const dynamic = 'force-dynamic';

/** The status page's poll: one payment of the viewer's account, and the balance. */
export const GET = viewerRoute<{ params: Promise<{ paymentId: string }> }>({ policy: 'GET /api/payments/[paymentId]' }, async (_request, viewer, context) => {
  const { paymentId } = await context.params;
  const view = await paymentStatusView(getDb(), viewer.accountId, paymentId, new Date(), { impersonating: viewer.impersonation !== null });
  if (!view) return apiError(404, 'not_found', 'No such payment on this account');
  return NextResponse.json(view, { headers: { 'cache-control': 'no-store' } });
});
