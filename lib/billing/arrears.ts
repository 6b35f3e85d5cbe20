/**
 * Arrears of a wallet (RULES §7, §9): a negative balance is owed; the wallet's `penalty_arrears_fen`
 * is the part of it that is penalties (kept ≤ the debt by `postAndApply`), the rest is service
 * arrears — the base of the next penalty, paid first by a credit. The one home of that rule.
 */
export function serviceArrearsFen(balanceFen: bigint, penaltyArrearsFen: bigint): bigint {
  const arrears = balanceFen < 0n ? -balanceFen : 0n;
  return arrears > penaltyArrearsFen ? arrears - penaltyArrearsFen : 0n;
}
