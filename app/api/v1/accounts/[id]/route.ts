import { NextResponse } from 'next/server';
import { withPlatformKey } from '@/lib/auth/platform';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { getAccountStatus } from '@/lib/ledger/account-status';

/** GET /api/v1/accounts/{id} — { id, status, balance, currency, suspendedAt }. */
export const GET = withPlatformKey('GET /api/v1/accounts/[id]', async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const status = await getAccountStatus(getDb(), id);
  if (!status) return apiError(404, 'not_found', `No account ${id}`, 'id');
  return NextResponse.json(status);
});
