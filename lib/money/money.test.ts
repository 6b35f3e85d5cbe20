import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { applyRate, fenToDecimalString, formatCny, MoneyDecimal, parseDecimal, parseYuanToFen, prorateFen, roundHalfUp } from './index';
import { sqlRoundHalfUp } from './sql';

describe('roundHalfUp (the one rounding of money)', () => {
  it.each([
    ['0.4', 0n],
    ['0.5', 1n],
    ['1.5', 2n],
    ['2.5', 3n],
    ['2.4999999999', 2n],
    ['-0.5', -1n],
    ['-2.5', -3n],
    ['-2.4', -2n],
    ['493.82712', 494n],
    ['9007199254740993.5', 9007199254740994n],
  ])('rounds %s fen to %s (ties away from zero)', (value, expected) => {
    expect(roundHalfUp(value)).toBe(expected);
  });

  it('accepts bigints and integers, refuses inexact floats', () => {
    expect(roundHalfUp(12n)).toBe(12n);
    expect(roundHalfUp(12)).toBe(12n);
    expect(() => roundHalfUp(0.1)).toThrow(TypeError);
  });

  it('tax = round_half_up(net × rate): 50 fen at 9 % is 4.5 → 5 fen', () => {
    expect(applyRate(50n, '0.09')).toBe(5n);
    expect(applyRate(10_000n, '0.003')).toBe(30n);
  });

  it('prorates exactly before rounding once: 1,000 fen × 30 / 1440 = 20.83 → 21', () => {
    expect(prorateFen(1_000n, 30, 1440)).toBe(21n);
    expect(prorateFen(144n, 5, 1440)).toBe(1n); // 0.5 → 1
  });
});

describe('parseDecimal / parseYuanToFen', () => {
  it('accepts plain decimal strings exactly', () => {
    expect(parseDecimal('12.5')?.toString()).toBe('12.5');
    expect(parseDecimal('0.000001')?.equals(new MoneyDecimal('0.000001'))).toBe(true);
    expect(parseDecimal('007')?.toString()).toBe('7');
  });
  it.each(['', '1e5', '+1', ' 1', '1,000', '1.', '.5', 'NaN', '0x10', '-1'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
  it('honours limits', () => {
    expect(parseDecimal('-1', { allowNegative: true })?.toString()).toBe('-1');
    expect(parseDecimal('1.1234567', { maxDecimals: 6 })).toBeNull();
    expect(parseDecimal('1234567890123456789')).toBeNull();
  });
  it('yuan to fen: "100.30" → 10030n, more than 2 decimals refused', () => {
    expect(parseYuanToFen('100.30')).toBe(10030n);
    expect(parseYuanToFen('0.01')).toBe(1n);
    expect(parseYuanToFen('1.001')).toBeNull();
    expect(parseYuanToFen('-12.34', { allowNegative: true })).toBe(-1234n);
  });
});

describe('fenToDecimalString / formatCny', () => {
  it.each([
    [-1234n, '-12.34'],
    [-5n, '-0.05'],
    [0n, '0.00'],
    [7n, '0.07'],
    [123456n, '1234.56'],
    [9007199254740993n, '90071992547409.93'],
  ])('%s fen is "%s"', (fen, text) => {
    expect(fenToDecimalString(fen)).toBe(text);
  });
  it('shows ¥1,234.56 and -¥12.34, exact beyond 2^53', () => {
    expect(formatCny(123456n)).toBe('¥1,234.56');
    expect(formatCny(-1234n)).toBe('-¥12.34');
    expect(formatCny(9007199254740993n)).toBe('¥90,071,992,547,409.93');
    expect(formatCny(123456n, 'zh-CN')).toBe('¥1,234.56');
  });
  it('round-trips any fen amount through its decimal string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (fen) => {
        expect(parseYuanToFen(fenToDecimalString(fen), { allowNegative: true })).toBe(fen);
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(testDatabaseKinds())('sqlRoundHalfUp on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it('agrees with roundHalfUp on ties, negatives and long decimals', async () => {
    const samples = fc.sample(
      fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 12 })).map(([digits, scale]) => {
        const decimal = new MoneyDecimal(digits.toString()).dividedBy(new MoneyDecimal(10).pow(scale));
        return decimal.toFixed();
      }),
      150,
    );
    const values = ['0.5', '-0.5', '2.5', '-2.5', '1.4999999', '493.82712', ...samples];
    const rows = (await t.db.execute(sql`select v, ${sqlRoundHalfUp(sql`v::numeric`)}::text as r from unnest(${sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`)}::text[]) as v`))
      .rows as { v: string; r: string }[];
    for (const row of rows) expect(BigInt(row.r), row.v).toBe(roundHalfUp(row.v));
  });
});
