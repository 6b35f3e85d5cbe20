import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';

/** The JSON error shape of CONTRACT.md: `{ "error": { "code", "message", "field"? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export function apiError(status: number, code: string, message: string, field?: string): NextResponse<ApiErrorBody> {
  return NextResponse.json({ error: field ? { code, message, field } : { code, message } }, { status });
}

/** Dotted path of a zod issue as the API names fields, e.g. `events[3].quantity`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

export function zodApiError(error: ZodError, status = 400): NextResponse<ApiErrorBody> {
  const issue = error.issues[0];
  const field = issue ? fieldPath(issue.path) : undefined;
  return apiError(status, 'invalid_request', issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid request', field || undefined);
}

/** Reads a JSON body, answering 400 for malformed JSON instead of throwing. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse<ApiErrorBody> }> {
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', 'The request body is not valid JSON') };
  }
}
