/** A terms rule the user ran into (shown to them, not a 500). `code` picks the message. */
export type TermsErrorCode =
  | 'no_terms'
  | 'terms_changed'
  | 'already_declared'
  | 'unknown_version'
  | 'invalid_text'
  | 'unchanged'
  | 'effective_in_past'
  | 'effective_before_latest';

export class TermsError extends Error {
  constructor(
    readonly code: TermsErrorCode,
    message: string,
    /** For `invalid_text`: the problem codes of checkTermsDocument. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'TermsError';
  }
}
