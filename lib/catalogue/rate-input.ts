import { MoneyDecimal } from '@/lib/money';

/** "6" or "6.5" (percent, up to 4 decimals, 0–100) → the exact fraction "0.06" / "0.065"; null if not such a number. */
export function percentToRate(percent: string): string | null {
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(percent.trim())) return null;
  const value = new MoneyDecimal(percent.trim());
  if (value.greaterThan(100)) return null;
  return value.dividedBy(100).toFixed();
}
