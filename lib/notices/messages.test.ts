import { describe, expect, it } from 'vitest';
import enContact from '@/lib/i18n/messages/en/contact.json';
import enNotices from '@/lib/i18n/messages/en/notices.json';
import zhContact from '@/lib/i18n/messages/zh-CN/contact.json';
import zhNotices from '@/lib/i18n/messages/zh-CN/notices.json';
import { NOTICE_PARAMS, renderNotice, renderNoticeEmail, renderNoticeSms } from './render-notice';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages to customers', () => {
  it.each([
    ['contact', enContact, zhContact],
    ['notices', enNotices, zhNotices],
  ])('%s has the same keys in English and Chinese', (_area, en, zh) => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it.each(Object.keys(NOTICE_PARAMS))('notice %s renders in both languages, even with its parameters missing', (kind) => {
    for (const locale of ['en', 'zh-CN']) {
      const { title, body } = renderNotice(kind, {}, locale);
      expect(title).not.toContain('kinds.');
      expect(body).toContain('—');
      const email = renderNoticeEmail({ kind, params: {}, locale, accountId: 'A1', appUrl: 'http://x' });
      expect(email.subject).toBe(title);
      expect(renderNoticeSms({ kind, params: {}, locale, accountId: 'A1', appUrl: 'http://x' }).text).toContain(title);
    }
  });

  it('formats money exactly, from yuan strings or fen', () => {
    expect(renderNotice('low_balance', { balance: '1234.56', thresholdFen: '5000' }, 'en').body).toContain('¥1,234.56, below the alert threshold of ¥50.00');
    expect(renderNotice('suspended', { balanceFen: '-9007199254740993' }, 'en').body).toContain('-¥90,071,992,547,409.93');
    expect(renderNotice('penalty_posted', { amount: '0.30', balance: '-100.30' }, 'zh-CN').body).toContain('滞纳金 ¥0.30');
  });

  it('falls back to English for other languages, and to the kind for unknown kinds', () => {
    expect(renderNotice('reinstated', { balance: '1.00' }, 'fr').title).toBe('Your account is active again');
    expect(renderNotice('something_new', {}, 'en')).toEqual({ title: 'something_new', body: '' });
  });
});
