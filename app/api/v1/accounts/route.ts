import { NextResponse } from 'next/server';
import { withPlatformKey } from '@/lib/auth/platform';
import { accountLookupSchema } from '@/lib/billing/machine-api';
import { getDb } from '@/lib/db/client';
import { zodApiError } from '@/lib/http/api-error';
import { findAccountStatusesByEmail } from '@/lib/ledger/account-status';

/** GET /api/v1/accounts?email=… — { accounts: [{ id, status, balance, currency, suspendedAt }] }. */
export const GET = withPlatformKey('GET /api/v1/accounts', async (request: Request) => {
  const parsed = accountLookupSchema.safeParse({ email: new URL(request.url).searchParams.get('email') ?? undefined });
  if (!parsed.success) return zodApiError(parsed.error);
  return NextResponse.json({ accounts: await findAccountStatusesByEmail(getDb(), parsed.data.email) });
});
