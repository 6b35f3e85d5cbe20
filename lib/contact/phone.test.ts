import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email';
import { formatPhone, normalisePhone } from './phone';

describe('mobile number normalisation (E.164, default region CN)', () => {
  it.each([
    ['13812345678'],
    ['138 1234 5678'],
    ['138-1234-5678'],
    ['+86 138 1234 5678'],
    ['+86-138-1234-5678'],
    ['+8613812345678'],
    ['0086 13812345678'],
    ['(+86) 138 1234 5678'],
    ['  138 1234 5678  '],
  ])('reads %j as +8613812345678', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: true, e164: '+8613812345678' });
  });

  it('keeps numbers with another country code in that country', () => {
    expect(normalisePhone('+1 (201) 555-0123')).toEqual({ ok: true, e164: '+12015550123' });
    expect(normalisePhone('+852 5123 4567')).toEqual({ ok: true, e164: '+85251234567' });
  });

  it.each([[''], ['12345'], ['1381234567'], ['138123456789'], ['call me'], ['138 1234 567x'], ['+86 000 0000 0000']])('refuses %j as invalid', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a Chinese landline: it cannot receive the SMS code', () => {
    expect(normalisePhone('010 1234 5678')).toEqual({ ok: false, reason: 'not_mobile' });
  });

  it('any spacing and prefix of one Chinese mobile number gives the same E.164', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const sep = fc.constantFrom('', ' ', '-');
    const prefix = fc.constantFrom('', '+86 ', '+86', '0086 ', '(+86) ');
    fc.assert(
      fc.property(fc.array(digit, { minLength: 8, maxLength: 8 }), sep, prefix, (rest, s, p) => {
        const national = `139${rest.join('')}`;
        const typed = `${p}${national.slice(0, 3)}${s}${national.slice(3, 7)}${s}${national.slice(7)}`;
        expect(normalisePhone(typed)).toEqual({ ok: true, e164: `+86${national}` });
      }),
    );
  });

  it('formats E.164 for display', () => {
    expect(formatPhone('+8613812345678')).toBe('+86 138 1234 5678');
  });
});

describe('email normalisation', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Alice@Example.COM ')).toEqual({ ok: true, email: 'alice@example.com' });
  });
  it.each([['alice'], ['alice@'], ['@example.com'], ['a b@example.com'], ['']])('refuses %j', (input) => {
    expect(normaliseEmail(input).ok).toBe(false);
  });
});
