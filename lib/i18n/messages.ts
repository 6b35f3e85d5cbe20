import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppLocale } from './locales';

type Messages = Record<string, unknown>;
const cache = new Map<AppLocale, Messages>();

/** All message files of a locale: lib/i18n/messages/<locale>/<area>.json, each as namespace <area>. */
export function loadMessages(locale: AppLocale): Messages {
  const hit = cache.get(locale);
  if (hit && process.env.NODE_ENV === 'production') return hit;
  const dir = path.join(process.cwd(), 'lib/i18n/messages', locale);
  const messages: Messages = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    messages[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  }
  cache.set(locale, messages);
  return messages;
}
