import type { Db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { loadMonthlyStatement } from './monthly-statement';
import { renderStatementPdf, statementFileName } from './render-statement-pdf';
import { checkStatementMonth } from './statement-month';

/** The download refused (message `charges.statement.errors.<code>`): a bad or unended month (400, at `month`), no account (404). */
function refusal(code: 'invalid_month' | 'month_not_ended' | 'not_found'): DomainError {
  const messageKey = `charges.statement.errors.${code}`;
  return code === 'not_found' ? new DomainError(code, code, { messageKey, status: 404 }) : new DomainError(code, code, { messageKey, field: 'month' });
}

/** The statement of one ended month of the account, as a PDF (the /charges download). */
export async function statementPdf(db: Db, input: { accountId: string; month: string | null; now: Date; timeZone: string }): Promise<{ pdf: Uint8Array; fileName: string }> {
  const check = checkStatementMonth(input.month, input.now, input.timeZone);
  if (!check.ok) throw refusal(check.code);
  const statement = await loadMonthlyStatement(db, { accountId: input.accountId, month: check.range.month, timeZone: input.timeZone });
  if (!statement) throw refusal('not_found');
  return { pdf: await renderStatementPdf(statement), fileName: statementFileName(input.accountId, check.range.month) };
}
