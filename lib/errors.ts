/*
 * The one error type of the domain: a refusal the caller caused and can fix (a rule said no, an
 * object is not theirs, an input is wrong), with a stable `code`. Never a 500. It is answered in
 * one place each:
 *   - server actions: `viewerAction` (lib/auth/guard.ts) → `{ ok: false, error: { code, message, fieldErrors } }`
 *   - browser JSON routes: `viewerRoute` (lib/auth/guard.ts) → `domainErrorResponse` (lib/http/api-error.ts),
 *     `{ error: { code, message, field } }` with `status`.
 * The user's message is `messageKey` translated with `params` in the caller's language (a bigint
 * param is an amount in fen, shown as money; a Date param a moment, shown as its time of day),
 * or `message` itself when it is already theirs.
 * Areas name their codes with a subclass (`SupportCaseError`, `TermsError`, `ImpersonationError`,
 * `PriceScheduleError`); anything else thrown is a bug and stays a 500.
 */

export type ErrorParams = Record<string, string | number | bigint | Date>;

export interface DomainErrorOptions {
  /** The input field the problem is in: forms show the message next to it. */
  field?: string;
  /** Messages per field (already in the user's language), when there are several. */
  fieldErrors?: Record<string, string>;
  /** The messages key of the user's message, e.g. `supportCases.errors.reason_empty`. */
  messageKey?: string;
  params?: ErrorParams;
  /** The HTTP status a route answers with; 400 by default. */
  status?: number;
}

export class DomainError<C extends string = string> extends Error {
  readonly field?: string;
  readonly fieldErrors?: Record<string, string>;
  readonly messageKey?: string;
  readonly params: ErrorParams;
  readonly status: number;

  constructor(
    readonly code: C,
    /** The user's message when there is no `messageKey` (else a developer's note). */
    message: string = code,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.field = options.field;
    this.fieldErrors = options.fieldErrors;
    this.messageKey = options.messageKey;
    this.params = options.params ?? {};
    this.status = options.status ?? 400;
  }
}
