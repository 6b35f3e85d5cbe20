import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountInChineseCapitals } from './chinese-capitals';

/**
 * Expected readings worked out by hand from the rule (see chinese-capitals.ts); the ones marked
 * PBOC are the examples printed in 《正确填写票据和结算凭证的基本规定》, with 整 added after 角 as
 * 《会计基础工作规范》第五十二条 asks.
 */
const cases: Array<[amount: string, fen: bigint, capitals: string]> = [
  ['0.00', 0n, '零元整'],
  ['0.01', 1n, '壹分'],
  ['0.05', 5n, '伍分'],
  ['0.10', 10n, '壹角整'],
  ['0.50', 50n, '伍角整'],
  ['0.55', 55n, '伍角伍分'],
  ['1.00', 100n, '壹元整'],
  ['1.05', 105n, '壹元零伍分'],
  ['10.00', 1_000n, '壹拾元整'],
  ['10.10', 1_010n, '壹拾元零壹角整'],
  ['11.10', 1_110n, '壹拾壹元壹角整'],
  ['15.00', 1_500n, '壹拾伍元整'],
  ['20.00', 2_000n, '贰拾元整'],
  ['100.10', 10_010n, '壹佰元零壹角整'],
  ['101.50', 10_150n, '壹佰零壹元伍角整'],
  ['106.00 (DESIGN.md)', 10_600n, '壹佰零陆元整'],
  ['325.04 (PBOC)', 32_504n, '叁佰贰拾伍元零肆分'],
  ['532.00', 53_200n, '伍佰叁拾贰元整'],
  ['1,004.00', 100_400n, '壹仟零肆元整'],
  ['1,004.56', 100_456n, '壹仟零肆元伍角陆分'],
  ['1,010.00', 101_000n, '壹仟零壹拾元整'],
  ['1,409.50 (PBOC)', 140_950n, '壹仟肆佰零玖元伍角整'],
  ['1,680.32 (PBOC, 零 written)', 168_032n, '壹仟陆佰捌拾元零叁角贰分'],
  ['6,007.14 (PBOC)', 600_714n, '陆仟零柒元壹角肆分'],
  ['10,005.00', 1_000_500n, '壹万零伍元整'],
  ['10,010.00', 1_001_000n, '壹万零壹拾元整'],
  ['16,409.02 (PBOC)', 1_640_902n, '壹万陆仟肆佰零玖元零贰分'],
  ['100,000.00', 10_000_000n, '壹拾万元整'],
  ['100,000.50', 10_000_050n, '壹拾万元零伍角整'],
  ['107,000.53 (PBOC, first reading)', 10_700_053n, '壹拾万柒仟元零伍角叁分'],
  ['100,700.00', 10_070_000n, '壹拾万零柒佰元整'],
  ['200,005.00', 20_000_500n, '贰拾万零伍元整'],
  ['289,546.52', 28_954_652n, '贰拾捌万玖仟伍佰肆拾陆元伍角贰分'],
  ['1,000,000.01', 100_000_001n, '壹佰万元零壹分'],
  ['1,100,000.00', 110_000_000n, '壹佰壹拾万元整'],
  ['10,000,000.00', 1_000_000_000n, '壹仟万元整'],
  ['100,000,000.00', 10_000_000_000n, '壹亿元整'],
  ['100,000,000.01', 10_000_000_001n, '壹亿元零壹分'],
  ['100,010,000.00', 10_001_000_000n, '壹亿零壹万元整'],
  ['110,000,000.00', 11_000_000_000n, '壹亿壹仟万元整'],
  ['123,456,789.12', 12_345_678_912n, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分'],
  ['1,000,100,000.00', 100_010_000_000n, '壹拾亿零壹拾万元整'],
  ['1,000,000,000,000.00', 100_000_000_000_000n, '壹万亿元整'],
  ['1,000,000,000,005.00', 100_000_000_000_500n, '壹万亿零伍元整'],
  ['10^16 yuan', 10n ** 18n, '壹亿亿元整'],
  ['-106.00 (credit note)', -10_600n, '负壹佰零陆元整'],
  ['-0.05 (credit note)', -5n, '负伍分'],
];

const DIGIT_VALUES: Record<string, bigint> = {
  零: 0n, 壹: 1n, 贰: 2n, 叁: 3n, 肆: 4n, 伍: 5n, 陆: 6n, 柒: 7n, 捌: 8n, 玖: 9n,
};
const PLACE_VALUES: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };

/** Test-only reader of the capitals, written independently of the writer. */
function parseSection(text: string): bigint {
  let total = 0n;
  let digit: bigint | null = null;
  for (const character of text) {
    if (character === '零') continue;
    if (character in DIGIT_VALUES) {
      if (digit !== null) throw new Error(`two digits in a row in ${text}`);
      digit = DIGIT_VALUES[character];
    } else if (character in PLACE_VALUES) {
      if (digit === null) throw new Error(`place without a digit in ${text}`);
      total += digit * PLACE_VALUES[character];
      digit = null;
    } else {
      throw new Error(`unexpected ${character} in ${text}`);
    }
  }
  return total + (digit ?? 0n);
}

function parseWhole(text: string): bigint {
  const lastYi = text.lastIndexOf('亿');
  if (lastYi >= 0) {
    return parseWhole(text.slice(0, lastYi)) * 100_000_000n + parseWhole(text.slice(lastYi + 1));
  }
  const wan = text.indexOf('万');
  if (wan >= 0) return parseSection(text.slice(0, wan)) * 10_000n + parseSection(text.slice(wan + 1));
  return parseSection(text);
}

function parseCapitals(capitals: string): bigint {
  if (capitals.startsWith('负')) return -parseCapitals(capitals.slice(1));
  let rest = capitals.endsWith('整') ? capitals.slice(0, -1) : capitals;
  let fen = 0n;
  const yuanAt = rest.indexOf('元');
  if (yuanAt >= 0) {
    fen += parseWhole(rest.slice(0, yuanAt)) * 100n;
    rest = rest.slice(yuanAt + 1);
  }
  const jiaoAt = rest.indexOf('角');
  if (jiaoAt >= 0) {
    fen += parseSection(rest.slice(0, jiaoAt)) * 10n;
    rest = rest.slice(jiaoAt + 1);
  }
  const fenAt = rest.indexOf('分');
  if (fenAt >= 0) {
    fen += parseSection(rest.slice(0, fenAt));
    rest = rest.slice(fenAt + 1);
  }
  if (rest.replaceAll('零', '') !== '') throw new Error(`left over ${rest} in ${capitals}`);
  return fen;
}

const amounts = fc.oneof(
  fc.bigInt({ min: 0n, max: 10_000_000n }),
  fc.bigInt({ min: 0n, max: 10n ** 20n }),
  // Amounts with many zeros, where the 零 rules bite.
  fc
    .array(fc.constantFrom<bigint>(0n, 0n, 0n, 1n, 5n, 9n), { minLength: 1, maxLength: 20 })
    .map((digits) => digits.reduce((value, digit) => value * 10n + digit, 0n)),
);

describe('amountInChineseCapitals', () => {
  it.each(cases)('writes %s as the standard capitals', (_label, fen, capitals) => {
    expect(amountInChineseCapitals(fen)).toBe(capitals);
  });

  it('reads back as the amount it was written from', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(parseCapitals(amountInChineseCapitals(fen))).toBe(fen);
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes a run of zeros as at most one 零 and never ends a unit with 零', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        const capitals = amountInChineseCapitals(fen);
        expect(capitals).not.toContain('零零');
        if (fen === 0n) return;
        expect(capitals).not.toMatch(/零[元万亿角分整]/);
        expect(capitals.startsWith('零')).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('ends with 整 exactly when there are no fen, and writes only the standard characters', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        const capitals = amountInChineseCapitals(fen);
        expect(capitals.endsWith('整')).toBe(fen % 10n === 0n);
        expect(capitals.endsWith('分')).toBe(fen % 10n !== 0n);
        expect(capitals).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
      }),
      { numRuns: 1_000 },
    );
  });

  it('writes a negative amount (credit note) as 负 followed by the positive reading', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), (fen) => {
        expect(amountInChineseCapitals(-fen)).toBe('负' + amountInChineseCapitals(fen));
      }),
    );
  });
});
