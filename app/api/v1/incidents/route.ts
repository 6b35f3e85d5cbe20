import { NextResponse } from 'next/server';
import { withPlatformKey } from '@/lib/auth/platform';
import { incidentRequestSchema } from '@/lib/billing/machine-api';
import { recordIncident } from '@/lib/billing/record-incident';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiError, readJson, zodApiError } from '@/lib/http/api-error';
import { expirePublicData, PUBLIC_DATA_TAGS } from '@/lib/public-data/cache';

/** POST /api/v1/incidents — a qualifying outage, new or updated by the same id; 202 { accepted, duplicates }. */
export const POST = withPlatformKey(async (request: Request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = incidentRequestSchema.safeParse(body.value);
  if (!parsed.success) return zodApiError(parsed.error);
  const result = await recordIncident(getDb(), parsed.data, { now: new Date(), timeZone: config().billingTimeZone });
  if (!result.ok) return apiError(422, result.code, result.message, result.field);
  if (result.accepted > 0) expirePublicData(PUBLIC_DATA_TAGS.incidents);
  return NextResponse.json({ accepted: result.accepted, duplicates: result.duplicates }, { status: 202 });
});
