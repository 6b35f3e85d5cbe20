'use client';

import { createContext, useContext, useMemo } from 'react';
import { formatMessage, type MessageValues } from '@/lib/i18n/icu';

/**
 * Messages in the browser without next-intl's client runtime (use-intl, intl-messageformat: about
 * 13 KiB gzip on every page). The server renders `<I18nProvider>` with the locale, the billing time
 * zone and the messages a page's client components need (`ClientMessages`, the root layout's
 * `common`); client components call `useTranslations` / `useLocale` / `useFormatter` from here with
 * next-intl's signatures. Messages are ICU, formatted by `lib/i18n/icu.ts`, which formats every
 * message of both locales as next-intl does (`lib/i18n/icu.test.ts`). Server components keep using
 * `next-intl/server`.
 */

type Messages = { [key: string]: unknown };

interface I18n {
  locale: string;
  timeZone: string | undefined;
  messages: Messages;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, timeZone, messages, children }: { locale: string; timeZone?: string; messages: Messages; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone, messages }), [locale, timeZone, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useTranslations outside <I18nProvider> (components/shell/client-i18n.tsx)');
  return i18n;
}

function resolve(messages: Messages, path: string): unknown {
  let node: unknown = messages;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Messages)[part];
  }
  return node;
}

export interface Translator {
  /** The message at `key` (dotted, below the namespace) formatted with `values`; the key's full path when it is missing or fails. */
  (key: string, values?: MessageValues): string;
  has(key: string): boolean;
  raw(key: string): unknown;
}

function createTranslator(locale: string, messages: Messages, namespace: string | undefined): Translator {
  const path = (key: string) => (namespace ? `${namespace}.${key}` : key);
  const t = (key: string, values?: MessageValues) => {
    const message = resolve(messages, path(key));
    if (typeof message !== 'string') {
      console.error(`Missing message ${path(key)} (${locale})`);
      return path(key);
    }
    try {
      return formatMessage(message, locale, values);
    } catch (error) {
      console.error(`Could not format ${path(key)} (${locale}):`, error);
      return path(key);
    }
  };
  return Object.assign(t, {
    has: (key: string) => resolve(messages, path(key)) !== undefined,
    raw: (key: string) => resolve(messages, path(key)),
  });
}

export function useTranslations(namespace?: string): Translator {
  const { locale, messages } = useI18n();
  return useMemo(() => createTranslator(locale, messages, namespace), [locale, messages, namespace]);
}

export function useLocale(): string {
  return useI18n().locale;
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** One formatter per locale and options, as next-intl caches them (a history page formats ~100 dates while hydrating). */
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

/** next-intl's `useFormatter`, the parts we use: numbers in the locale, dates and times in the billing time zone. */
export function useFormatter() {
  const { locale, timeZone } = useI18n();
  return useMemo(
    () => ({
      number: (value: number | bigint, options?: Intl.NumberFormatOptions) =>
        cached(`n|${locale}|${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(locale, options)).format(value),
      dateTime: (value: Date | number, options?: Intl.DateTimeFormatOptions) =>
        cached(`d|${locale}|${timeZone}|${JSON.stringify(options ?? {})}`, () => new Intl.DateTimeFormat(locale, { timeZone, ...options })).format(value),
    }),
    [locale, timeZone],
  );
}
