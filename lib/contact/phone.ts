import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneNormalisation = { ok: true; e164: string } | { ok: false; reason: 'invalid' | 'not_mobile' };

/** Default region for numbers written without a country code (e.g. `138 1234 5678`). */
export const DEFAULT_PHONE_REGION: CountryCode = 'CN';

/**
 * Normalises a mobile number as a customer may type it (`138 1234 5678`, `+86 138-1234-5678`,
 * `0086 13812345678`, `(+86) 13812345678` …) to E.164 (`+8613812345678`). Numbers known to be
 * fixed lines are refused: the number must be able to receive SMS.
 */
export function normalisePhone(input: string, defaultRegion: CountryCode = DEFAULT_PHONE_REGION): PhoneNormalisation {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 40 || /[a-z]/i.test(trimmed)) return { ok: false, reason: 'invalid' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion);
  if (!parsed || !parsed.isValid() || parsed.ext) return { ok: false, reason: 'invalid' };
  const type = parsed.getType();
  // Some regions (e.g. the US) do not tell mobile and fixed numbers apart: accept those.
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: parsed.number };
}

/** A readable international form of an E.164 number, e.g. `+86 138 1234 5678`. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
