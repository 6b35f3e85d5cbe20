import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';
import { MACHINE_API_MAX_BODY_BYTES, readBodyWithLimit } from './body-limit';

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
