import { z } from 'zod';
import { DomainError, type ErrorParams } from '@/lib/errors';
import { parseYuanToFen } from '@/lib/money';
import { isIsoDate } from '@/lib/time/zoned-date';

/*
 * The rules of a question about a charge, as zod schemas whose messages are error codes: the server
 * actions turn each code into the user's language (messages `supportCases.errors.<code>`), and
 * nothing is written unless the input parses.
 */

export const MESSAGE_MAX_LENGTH = 2000;
export const ADJUSTMENT_REASON_MAX_LENGTH = 500;
export const REJECTION_REASON_MAX_LENGTH = 500;

/** Every code a caller can get back; each has a message in both languages. */
export const supportCaseErrorCodes = [
  'message_empty',
  'message_too_long',
  'charge_missing',
  'charge_not_found',
  'case_not_found',
  'case_closed',
  'amount_invalid',
  'amount_not_positive',
  'amount_above_disputed',
  'nothing_to_adjust',
  'reason_empty',
  'reason_too_long',
  'adjustment_not_found',
  'already_decided',
  'same_person',
  'own_account',
] as const;
export type SupportCaseErrorCode = (typeof supportCaseErrorCodes)[number];

/** A refused question, answer or adjustment; its message is `supportCases.errors.<code>`. */
export class SupportCaseError extends DomainError<SupportCaseErrorCode> {
  constructor(
    code: SupportCaseErrorCode,
    /** The input field the problem is in, for forms. */
    field?: string,
    params: ErrorParams = { max: '' },
  ) {
    super(code, code, { field, messageKey: `supportCases.errors.${code}`, params });
    this.name = 'SupportCaseError';
  }
}

/** A message of the thread: 1–2,000 characters after trimming (characters = Unicode code points). */
export const messageBodySchema = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, 'message_empty')
  .refine((s) => [...s].length <= MESSAGE_MAX_LENGTH, 'message_too_long');

const transferIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'charge_not_found').transform((s) => BigInt(s));
const daySchema = z.string().refine(isIsoDate, 'charge_not_found');

/** What the question is about: one movement of the wallet, or one service day. */
export const chargeRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), transferId: transferIdSchema }),
  z.object({ kind: z.literal('day'), day: daySchema }),
]);
export type ChargeRef = z.output<typeof chargeRefSchema>;

/** `?transfer=123` or `?day=2026-03-10` (the links from the history and the day detail) → a charge, or null. */
export function chargeRefFromSearch(search: { transfer?: string | string[]; day?: string | string[] }): ChargeRef | null {
  const transfer = typeof search.transfer === 'string' ? search.transfer : undefined;
  const day = typeof search.day === 'string' ? search.day : undefined;
  const parsed = chargeRefSchema.safeParse(transfer !== undefined ? { kind: 'transfer', transferId: transfer } : day !== undefined ? { kind: 'day', day } : null);
  return parsed.success ? parsed.data : null;
}

export const askQuestionSchema = z.object({ charge: chargeRefSchema, body: messageBodySchema });
export type AskQuestionInput = z.output<typeof askQuestionSchema>;

const reasonSchema = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'reason_empty')
    .refine((s) => [...s].length <= max, 'reason_too_long');

/** Yuan as the user typed it ("12.50") → fen through lib/money; more than two decimals or not a number is refused. */
export const adjustmentAmountSchema = z
  .string()
  .transform((s) => parseYuanToFen(s.trim()))
  .refine((fen) => fen !== null, 'amount_invalid')
  .transform((fen) => fen as bigint)
  .refine((fen) => fen > 0n, 'amount_not_positive');

export const adjustmentRequestSchema = z.object({ amount: adjustmentAmountSchema, reason: reasonSchema(ADJUSTMENT_REASON_MAX_LENGTH) });
export const rejectionSchema = z.object({ reason: reasonSchema(REJECTION_REASON_MAX_LENGTH) });

/** A problem zod itself names (a wrong type): the code of the field it is in. */
const fieldFallback: Record<string, SupportCaseErrorCode> = { body: 'message_empty', charge: 'charge_missing', amount: 'amount_invalid', reason: 'reason_empty' };

/** The first problem of a failed parse, as a SupportCaseError naming its field. */
export function firstProblem(error: z.ZodError, fallback: SupportCaseErrorCode): SupportCaseError {
  const issue = error.issues[0];
  const field = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  const known = (supportCaseErrorCodes as readonly string[]).includes(issue?.message ?? '');
  const code = known ? (issue.message as SupportCaseErrorCode) : ((field ? fieldFallback[field] : undefined) ?? fallback);
  return new SupportCaseError(code, field);
}

/**
 * Parses with a schema or throws the first problem (nothing is written before this passes).
 * `fallback`: the code of a wrong type where the schema has no field names (a bare message).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, fallback: SupportCaseErrorCode = 'message_empty'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw firstProblem(parsed.error, fallback);
  return parsed.data;
}
