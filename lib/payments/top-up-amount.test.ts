import { describe, expect, it } from 'vitest';
import { amountToReinstateFen, checkTopUpAmount, presetAmountsFen, topUpRequestSchema } from './top-up-amount';

const limits = { minFen: 100n, maxFen: 5_000_000n }; // the defaults: ¥1.00–¥50,000.00
const messages = { not_a_number: 'NaN', below_min: 'too small', above_max: 'too large' };

describe('top-up amounts', () => {
  it('reads yuan with up to two decimals exactly, as integer fen', () => {
    expect(checkTopUpAmount('100', limits)).toEqual({ ok: true, amountFen: 10_000n });
    expect(checkTopUpAmount('100.5', limits)).toEqual({ ok: true, amountFen: 10_050n });
    expect(checkTopUpAmount(' ¥1,000.30 ', limits)).toEqual({ ok: true, amountFen: 100_030n });
    expect(checkTopUpAmount('0.1', { minFen: 1n, maxFen: 100n })).toEqual({ ok: true, amountFen: 10n });
  });

  it('accepts the limits themselves and refuses one fen beyond them', () => {
    expect(checkTopUpAmount('1.00', limits)).toEqual({ ok: true, amountFen: 100n });
    expect(checkTopUpAmount('50000.00', limits)).toEqual({ ok: true, amountFen: 5_000_000n });
    expect(checkTopUpAmount('0.99', limits)).toEqual({ ok: false, problem: 'below_min' });
    expect(checkTopUpAmount('50000.01', limits)).toEqual({ ok: false, problem: 'above_max' });
  });

  it('calls anything that is not a plain amount "not a number" (never rounds it)', () => {
    for (const typed of ['', 'abc', '1e3', '10.005', '-5', '1.2.3', 'NaN', 'Infinity', '0x10', '１００']) {
      expect(checkTopUpAmount(typed, limits)).toEqual({ ok: false, problem: 'not_a_number' });
    }
  });

  it('the form schema gives one clear message on the amount field', () => {
    const schema = topUpRequestSchema(limits, messages);
    expect(schema.parse({ amount: '88.80' })).toEqual({ amount: 8_880n });
    for (const [typed, message] of [['0.5', 'too small'], ['60000', 'too large'], ['ten', 'NaN']] as const) {
      const parsed = schema.safeParse({ amount: typed });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['amount'], message })]);
    }
    expect(schema.safeParse({ amount: 12 }).error?.issues[0].message).toBe('NaN');
  });

  it('offers presets inside the limits only', () => {
    expect(presetAmountsFen(limits)).toEqual([5_000n, 10_000n, 50_000n, 100_000n, 500_000n]);
    expect(presetAmountsFen({ minFen: 10_000n, maxFen: 60_000n })).toEqual([10_000n, 50_000n]);
  });

  it('the amount to reinstate is the arrears (DESIGN worked example: −100.30 → 100.30), at least the minimum', () => {
    expect(amountToReinstateFen(-10_030n, limits)).toBe(10_030n);
    expect(amountToReinstateFen(-30n, limits)).toBe(100n);
    expect(amountToReinstateFen(0n, limits)).toBeNull();
    expect(amountToReinstateFen(5n, limits)).toBeNull();
  });
});
