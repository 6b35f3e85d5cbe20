import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { startRecordsDownload } from '@/lib/records/records-archive';

/** GET /api/records/zip — the shown account's records as one streamed ZIP (/activity, "Download my records"). */
export const GET = viewerRoute({ policy: 'GET /api/records/zip' }, async (request, viewer) => {
  const download = await startRecordsDownload(getDb(), {
    viewer,
    timeZone: config().billingTimeZone,
    now: new Date(),
    ip: clientIp(request.headers),
    userAgent: request.headers.get('user-agent'),
  });
  return new Response(download.body, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${download.fileName}"`,
      'x-records-files': String(download.files),
      'cache-control': 'private, no-store',
    },
  });
});
