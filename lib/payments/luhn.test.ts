import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardDigits, isCardNumber, passesLuhn } from './luhn';
import { SANDBOX_TEST_CARDS } from './sandbox/test-cards';

/** The check digit that makes `body` + digit pass Luhn (computed independently of passesLuhn). */
function checkDigitFor(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  });
  return String((10 - (sum % 10)) % 10);
}

describe('Luhn check of card numbers', () => {
  it('accepts every sandbox test card of CONTRACT.md', () => {
    for (const card of SANDBOX_TEST_CARDS) expect(passesLuhn(card.number)).toBe(true);
    expect(isCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(isCardNumber('4000-0000-0000-3220')).toBe(true);
  });

  it('refuses a number whose last digit is wrong', () => {
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('4000000000000003')).toBe(false);
    expect(isCardNumber('4242 4242 4242 4243')).toBe(false);
  });

  it('refuses text that is not a card number', () => {
    expect(cardDigits('4242 abcd')).toBeNull();
    expect(cardDigits('   ')).toBeNull();
    expect(passesLuhn('')).toBe(false);
    expect(isCardNumber('0')).toBe(false); // too short even though "0" passes the checksum
    expect(isCardNumber('4242424242424242424242')).toBe(false); // too long
  });

  it('property: appending the right check digit always passes, any other digit never does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11,18}$/), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const good = checkDigitFor(body);
        expect(passesLuhn(body + good)).toBe(true);
        const bad = String((Number(good) + shift) % 10);
        expect(passesLuhn(body + bad)).toBe(false);
      }),
    );
  });

  it('property: swapping two adjacent different digits (a common typo) is caught unless they are 0 and 9', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{15}$/), fc.integer({ min: 0, max: 13 }), (body, i) => {
        const number = body + checkDigitFor(body);
        const a = number[i];
        const b = number[i + 1];
        fc.pre(a !== b && !(a === '0' && b === '9') && !(a === '9' && b === '0'));
        const swapped = number.slice(0, i) + b + a + number.slice(i + 2);
        expect(passesLuhn(swapped)).toBe(false);
      }),
    );
  });
});
