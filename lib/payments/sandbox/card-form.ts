import { cardDigits, passesLuhn } from '../luhn';
import { sandboxCardBehaviour, type SandboxCardBehaviour } from './test-cards';

export interface CardFormInput {
  cardNumber: string;
  /** MM/YY (also MM/YYYY, MMYY). */
  expiry: string;
  cvc: string;
}

export type CardFieldProblem = 'card_number_invalid' | 'card_not_test_card' | 'expiry_invalid' | 'card_expired' | 'cvc_invalid';

export type CardFormCheck =
  | { ok: true; digits: string; last4: string; behaviour: SandboxCardBehaviour }
  | { ok: false; problems: Partial<Record<keyof CardFormInput, CardFieldProblem>> };

/** Parses MM/YY into the first instant after the card's last valid month (UTC); null when malformed. */
export function cardExpiryEnd(expiry: string): Date | null {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return new Date(Date.UTC(year, month, 1));
}

/** The checks of the sandbox's card form: number (Luhn, then a known test card), expiry not past, CVC. */
export function checkCardForm(input: CardFormInput, now: Date): CardFormCheck {
  const problems: Partial<Record<keyof CardFormInput, CardFieldProblem>> = {};
  const digits = cardDigits(input.cardNumber);
  let behaviour: SandboxCardBehaviour | null = null;
  if (!digits || digits.length < 12 || digits.length > 19 || !passesLuhn(digits)) problems.cardNumber = 'card_number_invalid';
  else {
    behaviour = sandboxCardBehaviour(digits);
    if (!behaviour) problems.cardNumber = 'card_not_test_card';
  }
  const expiryEnd = cardExpiryEnd(input.expiry);
  if (!expiryEnd) problems.expiry = 'expiry_invalid';
  else if (expiryEnd.getTime() <= now.getTime()) problems.expiry = 'card_expired';
  if (!/^\d{3,4}$/.test(input.cvc.trim())) problems.cvc = 'cvc_invalid';
  if (Object.keys(problems).length > 0 || !digits || !behaviour) return { ok: false, problems };
  return { ok: true, digits, last4: digits.slice(-4), behaviour };
}
