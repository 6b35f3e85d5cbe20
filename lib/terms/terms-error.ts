import { DomainError } from '@/lib/errors';

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

export class TermsError extends DomainError<TermsErrorCode> {
  constructor(
    code: TermsErrorCode,
    message: string,
    /** For `invalid_text`: the problem codes of checkTermsDocument (publishing shows them next to the text: withTermsErrors). */
    readonly details: string[] = [],
  ) {
    super(code, message, { messageKey: `terms.errors.${code}` });
    this.name = 'TermsError';
  }
}
