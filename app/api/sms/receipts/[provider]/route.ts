import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/auth/guard';
import { keysMatch } from '@/lib/auth/platform-key';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { readTextWithLimit, WEBHOOK_MAX_BODY_BYTES } from '@/lib/http/body-limit';
import { applySmsReceipts, parseSmsReceipts, receiptAcknowledgement } from '@/lib/notices/sms/receipts';

export const dynamic = 'force-dynamic';

/**
 * SMS delivery receipts pushed by the configured gateway: `POST /api/sms/receipts/alibaba?token=…`
 * (SmsReport, HTTP batch push) or `/api/sms/receipts/tencent?token=…` (status callback). Neither
 * provider signs its callbacks: the URL's SMS_RECEIPT_TOKEN authenticates the sender, and each
 * receipt must match a message we sent (lib/notices/sms/receipts.ts).
 */
export const POST = publicRoute('POST /api/sms/receipts/[provider]', async (request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> => {
  const { provider } = await context.params;
  const sms = config().sms;
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!sms || sms.provider !== provider || !keysMatch(token, sms.receiptToken)) {
    return apiError(400, 'invalid_signature', 'The receipt is not from the configured SMS gateway (unknown provider or wrong token)');
  }
  const body = await readTextWithLimit(request, WEBHOOK_MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return apiError(400, 'invalid_json', 'The receipt is not valid JSON');
  }
  const receipts = parseSmsReceipts(sms.provider, json);
  if (!receipts) return apiError(400, 'invalid_receipt', `Not a ${sms.provider} delivery receipt`);
  await applySmsReceipts(getDb(), receipts, new Date());
  return NextResponse.json(receiptAcknowledgement(sms.provider));
});
