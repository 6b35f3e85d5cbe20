import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withInternalToken } from '@/lib/auth/platform';
import { billingSummaryToJson, formatBillingSummary } from '@/lib/billing/format-summary';
import { runDueBilling } from '@/lib/billing/run-due-billing';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { readJson, zodApiError } from '@/lib/http/api-error';

const bodySchema = z.object({ now: z.iso.datetime({ offset: true }).optional() });

/**
 * POST /api/internal/billing — `npm run billing` goes through here while a server holds the
 * embedded database. Only for callers on this machine (the TCP peer, as the portal's server saw
 * it, is loopback; anyone else gets 404), authenticated by the data folder's internal token
 * (constant-time compare).
 */
export const POST = withInternalToken('POST /api/internal/billing', async (request: Request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value ?? {});
  if (!parsed.success) return zodApiError(parsed.error);
  const now = parsed.data.now ? new Date(parsed.data.now) : new Date();
  const summary = await runDueBilling(getDb(), { now, timeZone: config().billingTimeZone });
  return NextResponse.json({ summary: billingSummaryToJson(summary), text: formatBillingSummary(summary) });
});
