import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '@/lib/errors';
import { PriceScheduleError } from '@/lib/catalogue/price-schedule';
import { ContactError } from '@/lib/contact/contact-error';
import { AdjustmentAboveDisputedError } from '@/lib/support-cases/adjustments';
import { SupportCaseError } from '@/lib/support-cases/rules';
import { ImpersonationError } from './impersonation';

/*
 * The one place a DomainError becomes what the caller reads (lib/auth/guard.ts, describeDomainError):
 * its messages key translated in the caller's language with its params (a bigint is fen, shown as
 * money; a Date its time of day in the portal's zone), or its own message; the field it names
 * carries the message for the form.
 */

vi.mock('next-intl/server', async () => {
  const { createFormatter, createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'zh-CN', messages: loadMessages('zh-CN'), namespace: namespace as never }),
    getLocale: async () => 'zh-CN',
    getFormatter: async () => createFormatter({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' }),
  };
});

const { describeDomainError } = await import('./guard');
const { loadMessages } = await import('@/lib/i18n/messages');
const zh = loadMessages('zh-CN') as Record<string, Record<string, Record<string, string>>>;

describe('describeDomainError', () => {
  it('answers an error with its own message as it is, next to its field', async () => {
    expect(await describeDomainError(new DomainError('confirmation_mismatch', 'Type A100000001', { field: 'confirmation' }))).toEqual({
      code: 'confirmation_mismatch',
      message: 'Type A100000001',
      fieldErrors: { confirmation: 'Type A100000001' },
    });
    expect(await describeDomainError(new DomainError('not_found', 'Not found'))).toEqual({ code: 'not_found', message: 'Not found' });
  });

  it("translates an area's error by its messages key in the caller's language", async () => {
    const reason = await describeDomainError(new SupportCaseError('reason_empty', 'reason'));
    expect(reason).toEqual({ code: 'reason_empty', message: zh.supportCases.errors.reason_empty, fieldErrors: { reason: zh.supportCases.errors.reason_empty } });
    const impersonation = await describeDomainError(new ImpersonationError('unknown_account'));
    expect(impersonation).toEqual({ code: 'unknown_account', message: zh.support.errors.unknown_account });
    expect((await describeDomainError(new ImpersonationError('reason_too_short'))).fieldErrors).toEqual({ reason: zh.support.errors.reason_too_short });
  });

  it('fills in params, and shows a bigint param as money', async () => {
    const above = await describeDomainError(new AdjustmentAboveDisputedError(12_345n));
    expect(above.code).toBe('amount_above_disputed');
    expect(above.message).toContain('123.45');
    expect(above.message).not.toContain('{max}');
    expect(above.fieldErrors).toEqual({ amount: above.message });
    const tooSoon = await describeDomainError(new PriceScheduleError('too_soon', 'effectiveFrom', { date: '2026-05-01', days: 30 }));
    expect(tooSoon.message).toContain('2026-05-01');
    expect(tooSoon.message).toContain('30');
    expect(tooSoon.fieldErrors).toEqual({ effectiveFrom: tooSoon.message });
  });

  it('shows a Date param as its time of day in the portal’s zone, and a count as it is', async () => {
    const limited = await describeDomainError(new ContactError('rate_limited_account', { retryAt: new Date('2026-03-10T08:05:00Z') }));
    expect(limited).toEqual({ code: 'rate_limited_account', message: zh.contact.errors.rateLimitedAccount.replace('{time}', '16:05') });
    const cooldown = await describeDomainError(new ContactError('cooldown', { retryAt: new Date('2026-03-10T08:01:00Z'), now: new Date('2026-03-10T08:00:30Z') }));
    expect(cooldown.message).toBe(zh.contact.errors.cooldown.replace('{seconds}', '30'));
    const wrong = await describeDomainError(new ContactError('wrong_code', { attemptsLeft: 3 }));
    expect(wrong).toEqual({ code: 'wrong_code', message: '验证码不正确。还可尝试 3 次。', fieldErrors: { code: '验证码不正确。还可尝试 3 次。' } });
  });
});
