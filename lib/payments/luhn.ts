/** Card numbers as people type them: digits with optional spaces or dashes between groups. */
const typedCardNumber = /^[\d -]+$/;

/** The digits of a typed card number, or null when it contains anything but digits, spaces and dashes. */
export function cardDigits(typed: string): string | null {
  const trimmed = typed.trim();
  if (!typedCardNumber.test(trimmed)) return null;
  const digits = trimmed.replace(/[ -]/g, '');
  return digits.length > 0 ? digits : null;
}

/**
 * The Luhn (mod 10) check every card number carries in its last digit: from the right, double
 * every second digit (subtracting 9 when the double exceeds 9); the sum must be a multiple of 10.
 */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A plausible card number: 12–19 digits that pass the Luhn check. */
export function isCardNumber(typed: string): boolean {
  const digits = cardDigits(typed);
  return digits !== null && digits.length >= 12 && digits.length <= 19 && passesLuhn(digits);
}
