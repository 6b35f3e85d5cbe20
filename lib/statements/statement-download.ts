import type { Db } from '@/lib/db/client';
import { loadMonthlyStatement } from './monthly-statement';
import { renderStatementPdf, statementFileName } from './render-statement-pdf';
import { checkStatementMonth } from './statement-month';

export type StatementPdfResult =
  | { ok: true; pdf: Uint8Array; fileName: string }
  | { ok: false; code: 'invalid_month' | 'month_not_ended' | 'not_found' };

/** The statement of one ended month of the account, as a PDF (the /charges download). */
export async function statementPdf(db: Db, input: { accountId: string; month: string | null; now: Date; timeZone: string }): Promise<StatementPdfResult> {
  const check = checkStatementMonth(input.month, input.now, input.timeZone);
  if (!check.ok) return check;
  const statement = await loadMonthlyStatement(db, { accountId: input.accountId, month: check.range.month, timeZone: input.timeZone });
  if (!statement) return { ok: false, code: 'not_found' };
  return { ok: true, pdf: await renderStatementPdf(statement), fileName: statementFileName(input.accountId, check.range.month) };
}
