import { recordActivity } from '@/lib/audit/record-activity';
import { activityExportChunks, activityExportQuerySchema, exportRangeOf } from '@/lib/audit/export-activity';
import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { zodApiError } from '@/lib/http/api-error';
import { clientIp } from '@/lib/http/client-ip';
import { webStreamOf } from '@/lib/http/web-stream';

/**
 * GET /api/activity/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|jsonl[&account=A…]
 * Finance and admin: activity records of a date range (billing time zone), streamed.
 */
export const GET = viewerRoute({ policy: 'GET /api/activity/export' }, async (request, viewer) => {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value.trim() !== ''));
  if (typeof params.account === 'string') params.account = params.account.trim().toUpperCase();
  const parsed = activityExportQuerySchema.safeParse(params);
  if (!parsed.success) return zodApiError(parsed.error);
  const query = parsed.data;
  const db = getDb();
  const range = exportRangeOf(query, config().billingTimeZone);
  await recordActivity(db, {
    accountId: null,
    actorUserId: viewer.userId,
    actorName: viewer.name,
    kind: 'activity_export',
    ip: clientIp(request.headers),
    userAgent: request.headers.get('user-agent'),
    details: { from: query.from, to: query.to, format: query.format, account: query.account ?? null },
    at: new Date(),
  });

  const body = webStreamOf(activityExportChunks(db, range, query.format));
  const scope = query.account ? `-${query.account}` : '';
  const filename = `activity${scope}-${query.from}-to-${query.to}.${query.format}`;
  return new Response(body, {
    headers: {
      'content-type': query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
});
