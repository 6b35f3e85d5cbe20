import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';
import { MACHINE_API_MAX_BODY_BYTES, readBodyWithLimit } from './body-limit';
import { apiErrorBody, fieldPath, zodErrorBody, type ApiErrorBody } from './error-body';

export { fieldPath, type ApiErrorBody };

export function apiError(status: number, code: string, message: string, field?: string): NextResponse<ApiErrorBody> {
  return NextResponse.json(apiErrorBody(code, message, field), { status });
}

/**
 * A DomainError (lib/errors.ts) as a browser route answers it, once it is in the caller's language
 * (`describeDomainError` in lib/auth/guard.ts; `viewerRoute` does both): its status, code, message and first field.
 */
export function domainErrorResponse(status: number, failure: { code: string; message: string; fieldErrors?: Record<string, string> }): NextResponse<ApiErrorBody> {
  return apiError(status, failure.code, failure.message, Object.keys(failure.fieldErrors ?? {})[0]);
}

export function zodApiError(error: ZodError, status = 400): NextResponse<ApiErrorBody> {
  return NextResponse.json(zodErrorBody(error), { status });
}

/**
 * Reads a JSON body of at most `maxBytes` (413 beyond it, see body-limit.ts), answering 400 for
 * malformed JSON instead of throwing.
 */
export async function readJson(
  request: Request,
  maxBytes: number = MACHINE_API_MAX_BODY_BYTES,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const body = await readBodyWithLimit(request, maxBytes);
  if (!body.ok) return body;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(body.bytes)) };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', 'The request body is not valid JSON') };
  }
}
