type Messages = Record<string, unknown>;

function isMessages(value: unknown): value is Messages {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The part of a locale's messages that client components of one page need: each path a namespace
 * (`charges`) or a branch of one (`support.banner`). Keeps the nesting, so `useTranslations('support')`
 * then `t('banner.end')` still resolve. Paths that do not exist are left out.
 */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const dotted of paths) {
    const keys = dotted.split('.');
    let source: unknown = messages;
    for (const key of keys) source = isMessages(source) ? source[key] : undefined;
    if (source === undefined) continue;
    let target = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        target[key] = source;
        return;
      }
      const next = target[key];
      target = isMessages(next) ? next : (target[key] = {}) as Messages;
    });
  }
  return out;
}
