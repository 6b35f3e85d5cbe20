import { createTranslator } from 'next-intl';
import { describe, expect, it, vi } from 'vitest';
import { AccountStandingError } from '@/lib/accounts/account-standing';
import { loadMessages } from '@/lib/i18n/messages';
import { InvoiceError } from './invoice-error';

/*
 * The refusals of the invoice rules and of closing an account, as the caller reads them
 * (describeDomainError): the same code, message and field their actions used to build by hand.
 */

vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'zh-CN', messages: loadMessages('zh-CN'), namespace: namespace as never }),
    getLocale: async () => 'zh-CN',
  };
});

const { describeDomainError } = await import('@/lib/auth/guard');
const t = createTranslator({ locale: 'zh-CN', messages: loadMessages('zh-CN') }) as unknown as (key: string, params?: Record<string, string | number>) => string;

describe('invoice and account-closing refusals', () => {
  it("a customer's request names the field the form shows it at", async () => {
    const message = t('invoices.errors.special_needs_complete_title');
    expect(await describeDomainError(new InvoiceError('special_needs_complete_title', { field: 'kind' }))).toEqual({
      code: 'special_needs_complete_title',
      message,
      fieldErrors: { kind: message },
    });
    expect(await describeDomainError(new InvoiceError('charges_taken'))).toEqual({ code: 'charges_taken', message: t('invoices.errors.charges_taken') });
    expect(new InvoiceError('nothing_to_invoice').status).toBe(422);
  });

  it("finance's refusals name the invoice's status and the reason's limit", async () => {
    const decided = await describeDomainError(new InvoiceError('not_requested', { params: { status: t('finance.statuses.credited') } }));
    expect(decided).toEqual({ code: 'not_requested', message: t('finance.errors.not_requested', { status: t('finance.statuses.credited') }) });
    expect(decided.message).toContain(t('finance.statuses.credited'));
    const reason = await describeDomainError(new InvoiceError('reason_required', { field: 'reason', params: { max: 500 } }));
    expect(reason).toEqual({ code: 'reason_required', message: t('finance.errors.reason_required', { max: 500 }), fieldErrors: { reason: reason.message } });
    expect(reason.message).toContain('500');
    expect((await describeDomainError(new InvoiceError('not_found'))).message).toBe(t('finance.errors.not_found'));
  });

  it('closing shows the arrears as money and the account id to type', async () => {
    const arrears = await describeDomainError(new AccountStandingError('close', 'arrears', { params: { amount: 10_030n } }));
    expect(arrears.code).toBe('arrears');
    expect(arrears.message).toContain('100.30');
    const mismatch = await describeDomainError(new AccountStandingError('close', 'confirmation_mismatch', { field: 'confirmation', params: { accountId: 'A100000001' } }));
    expect(mismatch).toEqual({ code: 'confirmation_mismatch', message: t('account.close.errors.confirmation_mismatch', { accountId: 'A100000001' }), fieldErrors: { confirmation: mismatch.message } });
    expect(mismatch.message).toContain('A100000001');
    expect((await describeDomainError(new AccountStandingError('admin', 'not_allowed', { state: 'terminated' }))).message).toBe(t('account.admin.errors.not_allowed'));
  });
});
