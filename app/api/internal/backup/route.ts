import { z } from 'zod';
import { withInternalToken } from '@/lib/auth/platform';
import { processConnection } from '@/lib/db/client';
import { dumpEmbeddedDatabase } from '@/lib/db/backup';
import { apiError, readJson, zodApiError } from '@/lib/http/api-error';

const bodySchema = z.object({ format: z.literal('pglite-tar-gzip').optional() });

/**
 * POST /api/internal/backup — `npm run backup` goes through here while a server holds the embedded
 * database: a consistent gzipped tarball of it (lib/db/backup.ts). Loopback callers with the data
 * folder's internal token only, like the billing route. On PostgreSQL the command runs pg_dump
 * itself, so this answers 409.
 */
export const POST = withInternalToken('POST /api/internal/backup', async (request: Request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value ?? {});
  if (!parsed.success) return zodApiError(parsed.error);
  const raw = processConnection();
  if (!raw || raw.kind !== 'pglite') return apiError(409, 'not_embedded', 'This server runs on PostgreSQL: back it up with pg_dump (npm run backup does)');
  const tarball = await dumpEmbeddedDatabase(raw);
  return new Response(tarball.stream(), {
    headers: { 'content-type': 'application/gzip', 'cache-control': 'no-store', 'content-disposition': 'attachment; filename="portal-backup.tar.gz"' },
  });
});
