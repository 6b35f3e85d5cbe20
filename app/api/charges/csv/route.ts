import { viewerRoute } from '@/lib/auth/guard';
import { historyCsvStream } from '@/lib/charges/history-csv';
import { historyFilterFrom } from '@/lib/charges/history-filter';
import { config } from '@/lib/config';
import { getReadDb } from '@/lib/db/client';

/** GET /api/charges/csv?from&to&service&type — the filtered history as a streamed CSV download. */
export const GET = viewerRoute({ policy: 'GET /api/charges/csv' }, async (request, viewer) => {
  const filter = historyFilterFrom(new URL(request.url).searchParams);
  const name = ['charges', viewer.accountId, filter.from, filter.to, filter.service, filter.type].filter(Boolean).join('-');
  return new Response(historyCsvStream(getReadDb(), { accountId: viewer.accountId, filter, timeZone: config().billingTimeZone }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
