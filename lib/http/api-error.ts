import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';

/** The JSON error shape of CONTRACT.md: `{ "error": { "code", "message", "field"? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

/** The error body alone, for servers that are not Next.js (the machine API router). */
export function apiErrorBody(code: string, message: string, field?: string): ApiErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

export function apiError(status: number, code: string, message: string, field?: string): NextResponse<ApiErrorBody> {
  return NextResponse.json(apiErrorBody(code, message, field), { status });
}

/** Dotted path of a zod issue as the API names fields, e.g. `events[3].quantity`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** The 400 body for a failed zod parse: its first issue, naming the field. */
export function zodErrorBody(error: ZodError): ApiErrorBody {
  const issue = error.issues[0];
  const field = issue ? fieldPath(issue.path) : undefined;
  return apiErrorBody('invalid_request', issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid request', field || undefined);
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
