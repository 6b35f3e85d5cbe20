import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './icu';
import { locales } from './locales';
import { loadMessages } from './messages';

type Messages = { [key: string]: unknown };

function flatten(messages: Messages, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value as Messages, `${prefix}${key}.`),
  );
}

/** The argument names a message uses (`{name`, `{name,`), plural and select arguments included. */
function argumentNames(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]))];
}

describe('formatMessage', () => {
  it('formats arguments, numbers, plurals with exact matches, offsets, select and apostrophe quoting', () => {
    expect(formatMessage('Hello {name}', 'en', { name: 'Ann' })).toBe('Hello Ann');
    expect(formatMessage('{n, number} of {max, number}', 'en', { n: 1440, max: 2000 })).toBe('1,440 of 2,000');
    const plural = '{count, plural, =0 {none} one {# entry} other {# entries}}';
    expect([0, 1, 2, 1440].map((count) => formatMessage(plural, 'en', { count }))).toEqual(['none', '1 entry', '2 entries', '1,440 entries']);
    expect(formatMessage('{count, plural, other {# 条}}', 'zh-CN', { count: 3 })).toBe('3 条');
    expect(formatMessage('{n, plural, offset:1 =0 {nobody} one {you} other {you and # others}}', 'en', { n: 3 })).toBe('you and 2 others');
    expect(formatMessage('{kind, select, card {Card} other {Other}}', 'en', { kind: 'card' })).toBe('Card');
    expect(formatMessage("It''s '{literal}' and the customer's", 'en')).toBe("It's {literal} and the customer's");
    expect(() => formatMessage('Hello {name}', 'en', {})).toThrow(/name/);
  });

  // next-intl keeps formatting every message on the server; the browser uses formatMessage. Both must agree.
  describe.each(locales)('every %s message formats as next-intl formats it', (locale) => {
    const messages = loadMessages(locale);
    const entries = flatten(messages);
    it('has messages', () => expect(entries.length).toBeGreaterThan(100));
    const samples: Record<string, string | number>[] = [0, 1, 2, 5, 21, 1440].map((n) => ({ __n: n }));
    samples.push({ __s: 'Ab' });
    it.each(samples)('with every argument %o', (sample) => {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages, onError: (error) => errors.push(error.message) });
      for (const [key, message] of entries) {
        const values = Object.fromEntries(argumentNames(message).map((name) => [name, '__n' in sample ? sample.__n : sample.__s]));
        errors.length = 0;
        const expected = t(key as never, values as never);
        let actual: string;
        try {
          actual = formatMessage(message, locale, values);
        } catch {
          actual = key;
        }
        expect({ key, actual }).toEqual({ key, actual: errors.length > 0 ? key : expected });
      }
    });
  });
});
