import type { ZodError } from 'zod';

/**
 * The JSON error shape of CONTRACT.md, `{ "error": { "code", "message", "field"? } }`, without any
 * framework: lib/http/api-error.ts wraps it in Next.js responses, the machine API router in Hono's.
 */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export function apiErrorBody(code: string, message: string, field?: string): ApiErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

/** Dotted path of a zod issue as the API names fields, e.g. `events[3].quantity`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** The 400 body of a failed zod parse: its first issue, naming the field. */
export function zodErrorBody(error: ZodError): ApiErrorBody {
  const issue = error.issues[0];
  const field = issue ? fieldPath(issue.path) : undefined;
  return apiErrorBody('invalid_request', issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid request', field || undefined);
}
