import { viewerRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { financeFilterFrom } from '@/lib/invoices/finance-filter';
import { countFinancePdfs, financePdfFiles } from '@/lib/invoices/invoice-queries';
import { zipPdfsWebStream } from '@/lib/invoices/zip-pdfs';

/**
 * Finance: every PDF the queue filter selects, as one streamed ZIP. How many files and how many PDF
 * bytes are coming is sent first in headers, so the page can show progress while reading.
 */
export const GET = viewerRoute({ policy: 'GET /api/finance/invoices/zip' }, async (request) => {
  const url = new URL(request.url);
  const filter = financeFilterFrom(Object.fromEntries(url.searchParams), config().billingTimeZone);
  const db = getDb();
  const { files, bytes } = await countFinancePdfs(db, filter);
  const name = ['invoices', filter.status, filter.from, filter.to].filter(Boolean).join('-');
  return new Response(zipPdfsWebStream(financePdfFiles(db, filter)), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${name}.zip"`,
      'cache-control': 'private, no-store',
      'x-invoice-count': String(files),
      'x-invoice-bytes': String(bytes),
    },
  });
});
