import { publicRoute } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api-error';
import { readTextWithLimit, WEBHOOK_MAX_BODY_BYTES } from '@/lib/http/body-limit';
import { handlePaymentWebhook } from '@/lib/payments/handle-payment-webhook';
import { paymentProviderFor } from '@/lib/payments/providers';

export const dynamic = 'force-dynamic';

/** Signed confirmations from payment providers (`/api/payments/webhook/sandbox`, `/api/payments/webhook/stripe`). */
export const POST = publicRoute('POST /api/payments/webhook/[provider]', async (request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> => {
  const { provider: name } = await context.params;
  const provider = paymentProviderFor(name, config());
  if (!provider) return apiError(404, 'unknown_provider', `No payment provider "${name}" is configured`);
  // Signatures cover the exact bytes sent: read the raw body, never a re-serialised one.
  const body = await readTextWithLimit(request, WEBHOOK_MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  return handlePaymentWebhook(getDb(), provider, { body: body.text, headers: request.headers, now: new Date() });
});
