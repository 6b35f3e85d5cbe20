import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usccCheckCharacter, validateTaxpayerId } from './taxpayer-id';

const CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
const codeCharacter = fc.constantFrom(...CODE_CHARACTERS);
const first17 = fc.array(codeCharacter, { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));

describe('validateTaxpayerId', () => {
  // Check characters verified by hand with the GB 32100-2015 weights (1 3 9 27 19 26 16 17 20 29
  // 25 13 8 24 10 30 28) and check = 31 − (Σ mod 31).
  it.each(['91350100M000100Y43', '91440300708461136T', '91110000600037341L', '9111000071093123XX'])(
    'accepts the unified social credit code %s with a valid check character',
    (code) => {
      expect(validateTaxpayerId(code)).toEqual({
        ok: true,
        normalized: code,
        kind: 'uscc',
        checkCharacterValid: true,
      });
    },
  );

  it('computes the check character 3 for 91350100M000100Y4', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('trims, removes inner and full-width spaces, upper-cases and reads full-width characters', () => {
    expect(validateTaxpayerId('  9135 0100 m000 100y 43 ')).toMatchObject({
      ok: true,
      normalized: '91350100M000100Y43',
      checkCharacterValid: true,
    });
    expect(validateTaxpayerId('９１３５０１００Ｍ０００１００Ｙ４３\u3000')).toMatchObject({
      ok: true,
      normalized: '91350100M000100Y43',
    });
  });

  it('flags (does not refuse) a code whose check character does not match', () => {
    expect(validateTaxpayerId('91350100M000100Y44')).toEqual({
      ok: true,
      normalized: '91350100M000100Y44',
      kind: 'uscc',
      checkCharacterValid: false,
    });
  });

  it('maps a computed check of 31 (weighted sum a multiple of 31) to the character 0', () => {
    // 1×1 + 21(M)×28 = 589 = 19×31
    expect(usccCheckCharacter('1000000000000000M')).toBe('0');
    expect(validateTaxpayerId('1000000000000000M0')).toMatchObject({ ok: true, checkCharacterValid: true });
  });

  it.each(['', '   ', '\u3000'])('rejects %j as empty', (input) => {
    expect(validateTaxpayerId(input)).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    ['12345678901234', 'length'], // 14
    ['1', 'length'],
    ['123456789012345678901', 'length'], // 21
    ['91350100M000100Y4-', 'characters'],
    ['91350100M000100Y4.3', 'characters'],
    ['北京91350100M000100', 'characters'],
  ] as const)('rejects %s as a wrong %s', (input, reason) => {
    expect(validateTaxpayerId(input)).toEqual({ ok: false, reason });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects an 18-character code containing the forbidden letter %s', (letter) => {
    expect(validateTaxpayerId(`91350100M000100${letter}43`)).toEqual({ ok: false, reason: 'characters' });
  });

  it.each([
    ['15-character legacy ID', '110108700012345'],
    ['16-character legacy ID', '1101087000123456'],
    ['17-character legacy ID', '11010870001234567'],
    ['20-character legacy ID (ID card number + 2)', '11010819900101123X01'],
    ['legacy ID with letters outside the code alphabet', '44030071921013O'],
  ])('accepts a %s without a check character', (_label, id) => {
    expect(validateTaxpayerId(id)).toEqual({ ok: true, normalized: id, kind: 'legacy', checkCharacterValid: true });
  });

  it('accepts every code whose last character is the computed check character', () => {
    fc.assert(
      fc.property(first17, (prefix) => {
        const result = validateTaxpayerId(prefix + usccCheckCharacter(prefix));
        expect(result).toMatchObject({ ok: true, kind: 'uscc', checkCharacterValid: true });
      }),
    );
  });

  it('flags every other last character', () => {
    fc.assert(
      fc.property(first17, codeCharacter, (prefix, last) => {
        fc.pre(last !== usccCheckCharacter(prefix));
        expect(validateTaxpayerId(prefix + last)).toMatchObject({ ok: true, checkCharacterValid: false });
      }),
    );
  });

  it('flags any single mistyped character among the first 17', () => {
    fc.assert(
      fc.property(first17, fc.nat({ max: 16 }), codeCharacter, (prefix, position, replacement) => {
        fc.pre(prefix[position] !== replacement);
        const valid = prefix + usccCheckCharacter(prefix);
        const typo = valid.slice(0, position) + replacement + valid.slice(position + 1);
        expect(validateTaxpayerId(typo)).toMatchObject({ ok: true, checkCharacterValid: false });
      }),
    );
  });
});
