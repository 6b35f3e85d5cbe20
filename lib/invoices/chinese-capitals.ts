/**
 * An amount in fen written in Chinese financial capitals (大写金额), as printed in the
 * 价税合计（大写） box of an invoice.
 *
 * Sources of the rule:
 * - 中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》, items 一 to 四(4):
 *   the characters 壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分零整; 整 after 元; no 整 after 分; a zero in the
 *   middle of the figures is written 零 (¥1,409.50 → 壹仟肆佰零玖元伍角); a run of zeros is written
 *   as one 零 (¥6,007.14 → 陆仟零柒元壹角肆分); when the 元 digit (or 万 digit) is 0 and the next
 *   digit is not, 零 may be written or left out (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分 or
 *   壹仟陆佰捌拾元叁角贰分); when 角 is 0 and 分 is not, 零 must follow 元
 *   (¥325.04 → 叁佰贰拾伍元零肆分).
 * - 财政部《会计基础工作规范》第五十二条(三)(五): the same characters and zero rules, and an amount
 *   that ends at 元 **or 角** is followed by 整 (the payment rules make 整 after 角 optional).
 *
 * Where the rules allow a choice, this module writes what the payment rules list first in each of
 * their examples, which is also how the amount is read aloud:
 * - the yuan figure is read the way Chinese numbers are spoken: one 零 for each run of zeros
 *   followed by a non-zero digit inside the figure (1,004 → 壹仟零肆, 10,010 → 壹万零壹拾,
 *   100,010,000 → 壹亿零壹万), but none for zeros that close a 万 or 亿 section
 *   (107,000 → 壹拾万柒仟, as in the PBOC example 壹拾万柒仟元零伍角叁分);
 * - 零 follows 元 when the 元 digit is 0 and 角 is not (100.10 → 壹佰元零壹角整, PBOC's first
 *   reading of ¥1,680.32) and, as required, when 角 is 0 and 分 is not (1,000,000.01 → 壹佰万元零壹分);
 * - 整 follows 元 and 角: 106.00 → 壹佰零陆元整, 0.50 → 伍角整;
 * - a leading 拾 is written 壹拾, as tax-control invoices print it: 10.00 → 壹拾元整,
 *   100,000.00 → 壹拾万元整;
 * - below one yuan the capitals start at the first non-zero unit: 0.05 → 伍分; zero is 零元整;
 * - the currency name (人民币) is not part of the result: the invoice prints it in the label;
 * - a negative amount (a credit note) is prefixed with 负.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES_IN_GROUP = ['', '拾', '佰', '仟'] as const;

const TEN_THOUSAND = 10_000n;
const HUNDRED_MILLION = 100_000_000n;

function digitAt(value: bigint, place: number): number {
  return Number((value / 10n ** BigInt(place)) % 10n);
}

/** 1 ≤ value ≤ 9999, read with 零 for inner zero runs and nothing for trailing zeros. */
function readBelowTenThousand(value: bigint): string {
  let text = '';
  let zeroPending = false;
  let started = false;
  for (let place = 3; place >= 0; place -= 1) {
    const digit = digitAt(value, place);
    if (digit === 0) {
      if (started) zeroPending = true;
      continue;
    }
    if (zeroPending) text += '零';
    text += DIGITS[digit] + PLACES_IN_GROUP[place];
    zeroPending = false;
    started = true;
  }
  return text;
}

/**
 * value ≥ 1. Above 亿 the reading is recursive (壹万亿, 壹亿亿), the way amounts are read aloud,
 * so any size has a reading without inventing units such as 兆.
 */
function readWholeYuan(value: bigint): string {
  if (value >= HUNDRED_MILLION) {
    const high = value / HUNDRED_MILLION;
    const low = value % HUNDRED_MILLION;
    const text = readWholeYuan(high) + '亿';
    if (low === 0n) return text;
    return text + (low < HUNDRED_MILLION / 10n ? '零' : '') + readWholeYuan(low);
  }
  if (value >= TEN_THOUSAND) {
    const high = value / TEN_THOUSAND;
    const low = value % TEN_THOUSAND;
    const text = readBelowTenThousand(high) + '万';
    if (low === 0n) return text;
    return text + (low < TEN_THOUSAND / 10n ? '零' : '') + readBelowTenThousand(low);
  }
  return readBelowTenThousand(value);
}

export function amountInChineseCapitals(fen: bigint): string {
  if (fen < 0n) return '负' + amountInChineseCapitals(-fen);

  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const fenDigit = Number(fen % 10n);

  if (yuan === 0n && jiao === 0 && fenDigit === 0) return '零元整';

  let text = '';
  if (yuan > 0n) {
    text = readWholeYuan(yuan) + '元';
    if (jiao === 0 && fenDigit === 0) return text + '整';
    // 零 after 元: required when 角 is 0 and 分 is not; chosen when the 元 digit is 0 and 角 is not.
    const yuanDigitIsZero = yuan % 10n === 0n;
    if (jiao === 0 || yuanDigitIsZero) text += '零';
  }
  if (jiao > 0) text += DIGITS[jiao] + '角';
  if (fenDigit > 0) return text + DIGITS[fenDigit] + '分';
  return text + '整';
}
