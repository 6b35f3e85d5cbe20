import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';
import { apiErrorBody, fieldPath, zodErrorBody, type ApiErrorBody } from './error-body';

export { fieldPath, type ApiErrorBody };

export function apiError(status: number, code: string, message: string, field?: string): NextResponse<ApiErrorBody> {
  return NextResponse.json(apiErrorBody(code, message, field), { status });
}

export function zodApiError(error: ZodError, status = 400): NextResponse<ApiErrorBody> {
  return NextResponse.json(zodErrorBody(error), { status });
}

/** Reads a JSON body, answering 400 for malformed JSON instead of throwing. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse<ApiErrorBody> }> {
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', 'The request body is not valid JSON') };
  }
}
