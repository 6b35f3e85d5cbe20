import { NextResponse } from 'next/server';
import { viewerRoute } from '@/lib/auth/guard';
import { decodeHistoryCursor } from '@/lib/charges/history-cursor';
import { historyFilterFrom } from '@/lib/charges/history-filter';
import { historyPageView } from '@/lib/charges/history-view';
import { HISTORY_PAGE_SIZE, listWalletMovements, MAX_HISTORY_PAGE } from '@/lib/charges/wallet-history';
import { config } from '@/lib/config';
import { getReadDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';

/**
 * GET /api/charges?from&to&service&type&cursor&limit — a page of the viewer's wallet movements,
 * newest first: `{ entries, nextCursor }` (keyset paging: pass `nextCursor` back as `cursor`).
 */
export const GET = viewerRoute({ policy: 'GET /api/charges' }, async (request, viewer) => {
  const params = new URL(request.url).searchParams;
  const cursorText = params.get('cursor');
  const after = decodeHistoryCursor(cursorText);
  if (cursorText && !after) return apiError(400, 'invalid_request', 'cursor: not a cursor this API gave out', 'cursor');
  const limitText = params.get('limit');
  const limit = limitText === null ? HISTORY_PAGE_SIZE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
    return apiError(400, 'invalid_request', `limit: a whole number from 1 to ${MAX_HISTORY_PAGE}`, 'limit');
  }
  const page = await listWalletMovements(getReadDb(), {
    accountId: viewer.accountId,
    filter: historyFilterFrom(params),
    after,
    limit,
    timeZone: config().billingTimeZone,
  });
  return NextResponse.json(historyPageView(page), { headers: { 'cache-control': 'private, no-store' } });
});
