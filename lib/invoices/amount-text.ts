/**
 * Fen as text for invoice documents and exports. Local to invoices until lib/money's
 * formatter exists; bigint arithmetic only, no floats.
 */

function split(fen: bigint): { sign: '' | '-'; yuan: string; cents: string } {
  const sign = fen < 0n ? '-' : '';
  const magnitude = fen < 0n ? -fen : fen;
  return { sign, yuan: (magnitude / 100n).toString(), cents: (magnitude % 100n).toString().padStart(2, '0') };
}

/** 123456n → "1234.56", -5n → "-0.05": the decimal string accounting imports read. */
export function fenToDecimalString(fen: bigint): string {
  const { sign, yuan, cents } = split(fen);
  return `${sign}${yuan}.${cents}`;
}

/** 123456n → "¥1,234.56", -10600n → "-¥106.00" (as DESIGN.md "Money" shows amounts). */
export function formatCnyFen(fen: bigint): string {
  const { sign, yuan, cents } = split(fen);
  return `${sign}¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
