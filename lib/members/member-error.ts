import { DomainError } from '@/lib/errors';

/** Refusals of managing members and invitations, and the message of each. */
const MESSAGE_KEYS = {
  not_member: 'members.errors.not_member',
  last_owner: 'members.errors.last_owner',
  invalid_email: 'members.errors.invalid_email',
  already_member: 'members.errors.already_member',
  not_found: 'members.errors.not_found',
  // Accepting an invitation link.
  expired: 'members.invitation.errors.expired',
  used: 'members.invitation.errors.used',
  invalid: 'members.invitation.errors.invalid',
  email_mismatch: 'members.invitation.errors.email_mismatch',
} as const;

export type MemberErrorCode = keyof typeof MESSAGE_KEYS;

/**
 * A refused member change (the last owner, someone no longer a member, an invitation already used
 * …); `messageKey` overrides the code's message where the same refusal reads differently (switching
 * to an account the user is not a member of).
 */
export class MemberError extends DomainError<MemberErrorCode> {
  constructor(code: MemberErrorCode, options: { field?: string; messageKey?: string } = {}) {
    super(code, code, { field: options.field, messageKey: options.messageKey ?? MESSAGE_KEYS[code] });
    this.name = 'MemberError';
  }
}
