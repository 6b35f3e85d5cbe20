import { NextResponse } from 'next/server';
import { withPlatformKey } from '@/lib/auth/platform';
import { usageRequestSchema } from '@/lib/billing/machine-api';
import { recordUsage } from '@/lib/billing/record-usage';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiError, readJson, zodApiError } from '@/lib/http/api-error';

/** POST /api/v1/usage — up to 1,000 usage events, all or nothing; 202 { accepted, duplicates }. */
export const POST = withPlatformKey('POST /api/v1/usage', async (request: Request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = usageRequestSchema.safeParse(body.value);
  if (!parsed.success) return zodApiError(parsed.error);
  const result = await recordUsage(getDb(), parsed.data.events, { now: new Date(), timeZone: config().billingTimeZone });
  if (!result.ok) return apiError(422, result.code, result.message, result.field);
  return NextResponse.json({ accepted: result.accepted, duplicates: result.duplicates }, { status: 202 });
});
