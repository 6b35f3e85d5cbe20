/**
 * Taxpayer IDs on invoice titles (DESIGN.md "Invoices").
 *
 * The normal ID is the 18-character unified social credit code (统一社会信用代码) of GB 32100-2015:
 * digits and the capital letters A–Y without I, O, S, V and Z, the last character a check
 * character computed over the first 17. Older IDs (税务登记号, 15 to 20 digits and capital letters)
 * are still printed on invoices, so they are accepted too; they carry no check character.
 *
 * A wrong format is an error the customer must fix. A failed check character is only flagged:
 * a few real codes fail it, so the customer is asked to confirm rather than refused.
 */

/** GB 32100-2015 code table: index = character value (0–9, then A=10 … Y=30). */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_LENGTH = 18;
const LEGACY_MIN_LENGTH = 15;
const LEGACY_MAX_LENGTH = 20;
const MODULUS = 31;

/** Weights 3^(i−1) mod 31 for positions i = 1…17. */
const WEIGHTS: readonly number[] = Array.from({ length: USCC_LENGTH - 1 }, (_, index) => {
  let weight = 1;
  for (let step = 0; step < index; step += 1) weight = (weight * 3) % MODULUS;
  return weight;
});

export type TaxpayerIdResult =
  | { ok: true; normalized: string; kind: 'uscc'; checkCharacterValid: boolean }
  /** Legacy IDs have no check character, so there is nothing to flag. */
  | { ok: true; normalized: string; kind: 'legacy'; checkCharacterValid: true }
  | { ok: false; reason: 'empty' | 'length' | 'characters' };

/** The check character for the first 17 characters of a unified social credit code. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== USCC_LENGTH - 1) {
    throw new RangeError(`expected 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let index = 0; index < first17.length; index += 1) {
    const value = USCC_CHARACTERS.indexOf(first17[index]);
    if (value < 0) throw new RangeError(`not a code character: ${first17[index]}`);
    sum += value * WEIGHTS[index];
  }
  const check = MODULUS - (sum % MODULUS);
  return USCC_CHARACTERS[check === MODULUS ? 0 : check];
}

/**
 * Full-width forms typed with a Chinese input method (９１３５…) become ASCII, every kind of
 * space is dropped (codes are often written in groups), letters are upper-cased.
 */
function normalize(input: string): string {
  return input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export function validateTaxpayerId(input: string): TaxpayerIdResult {
  const normalized = normalize(input);
  if (normalized === '') return { ok: false, reason: 'empty' };
  if (!/^[0-9A-Z]+$/.test(normalized)) return { ok: false, reason: 'characters' };
  if (normalized.length < LEGACY_MIN_LENGTH || normalized.length > LEGACY_MAX_LENGTH) {
    return { ok: false, reason: 'length' };
  }
  if (normalized.length !== USCC_LENGTH) {
    return { ok: true, normalized, kind: 'legacy', checkCharacterValid: true };
  }
  // Every 18-character ID is read as a unified social credit code, so I, O, S, V and Z are errors.
  for (const character of normalized) {
    if (!USCC_CHARACTERS.includes(character)) return { ok: false, reason: 'characters' };
  }
  const checkCharacterValid = usccCheckCharacter(normalized.slice(0, -1)) === normalized.slice(-1);
  return { ok: true, normalized, kind: 'uscc', checkCharacterValid };
}
