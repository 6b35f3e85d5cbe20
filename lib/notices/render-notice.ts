import type { NoticeKind } from './create-notice';
import type { SmsTemplateRef } from './transports';
import { fenToDecimalString, formatYuan } from '@/lib/money/format';
import { messageLocale, noticesTranslator, type MessageLocale } from './messages';

/**
 * The parameters each notice kind's text uses. Callers of createNotice pass them in `params`;
 * money as a decimal string in yuan (`"-100.00"`) or as fen under `<name>Fen` (`balanceFen: "-10000"`).
 * A missing parameter is shown as "—" rather than failing the notice.
 */
export const NOTICE_PARAMS = {
  suspended: ['balance'],
  reinstated: ['balance'],
  penalty_posted: ['amount', 'balance'],
  low_balance: ['balance', 'threshold'],
  invoice_issued: ['number', 'amount'],
  invoice_rejected: ['amount', 'reason'],
  terms_amended: ['version', 'effectiveOn'],
  support_access: ['reason'],
  contact_bounced: ['destination'],
  payment_refunded: ['amount', 'balance', 'payment'],
  payment_charged_back: ['amount', 'balance', 'payment'],
  chargeback_reversed: ['amount', 'balance', 'payment'],
  incident_started: ['title', 'service', 'startedAt'],
  incident_resolved: ['title', 'service', 'startedAt', 'endedAt', 'minutes'],
  price_change: ['change', 'effectiveOn'],
  announcement: ['title', 'body'],
  account_closed: ['accountId'],
  account_terminated: ['reason'],
  account_suspended_for_cause: ['reason'],
  account_suspension_lifted: ['accountId'],
  support_case_answered: ['number'],
  adjustment_credited: ['number', 'amount', 'balance'],
  member_invited: ['email', 'role', 'invitedBy'],
} as const satisfies Record<NoticeKind, readonly string[]>;

const MONEY_PARAMS = new Set(['balance', 'threshold', 'amount']);

type Params = Record<string, string | number | null>;

function paramValue(name: string, params: Params, locale: MessageLocale): string {
  // A text the operator wrote in both languages comes as `<name>En` / `<name>Zh`.
  const localized = params[`${name}${locale === 'zh-CN' ? 'Zh' : 'En'}`];
  if (typeof localized === 'string' && localized !== '') return localized;
  if (MONEY_PARAMS.has(name)) {
    const fen = params[`${name}Fen`];
    if (fen !== undefined && fen !== null && /^-?\d+$/.test(String(fen))) return formatYuan(fenToDecimalString(BigInt(fen)), locale);
    const yuan = params[name];
    if (yuan !== undefined && yuan !== null && /^-?\d+(\.\d+)?$/.test(String(yuan))) return formatYuan(String(yuan), locale);
  }
  const value = params[name];
  return value === undefined || value === null || value === '' ? '—' : String(value);
}

export interface RenderedNotice {
  title: string;
  body: string;
}

function isKnownKind(kind: string): kind is NoticeKind {
  return Object.hasOwn(NOTICE_PARAMS, kind);
}

/** The title and text of a notice in one language: the same words in the notice centre, email and SMS. */
export function renderNotice(kind: string, params: Params, locale: string | null | undefined): RenderedNotice {
  const lang = messageLocale(locale);
  if (!isKnownKind(kind)) return { title: kind, body: '' };
  const t = noticesTranslator(lang);
  const values: Record<string, string> = {};
  for (const name of NOTICE_PARAMS[kind]) values[name] = paramValue(name, params, lang);
  return { title: t(`kinds.${kind}.title`, values), body: t(`kinds.${kind}.body`, values) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain, accessible HTML email around a title and paragraphs of text. */
export function emailHtml(opts: { lang: MessageLocale; title: string; paragraphs: string[]; footer: string[] }): string {
  const paragraphs = opts.paragraphs.map((p) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${escapeHtml(p)}</p>`).join('');
  const footer = opts.footer.map((p) => `<p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:#475569">${escapeHtml(p)}</p>`).join('');
  return `<!doctype html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title></head>
<body style="margin:0;padding:24px;background:#f1f5f9;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a">
<main style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(opts.title)}</h1>${paragraphs}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 16px">${footer}
</main></body></html>`;
}

export interface NoticeMessageInput {
  kind: string;
  params: Params;
  locale: string | null | undefined;
  accountId: string;
  appUrl: string;
}

export function renderNoticeEmail(input: NoticeMessageInput): { subject: string; text: string; html: string } {
  const lang = messageLocale(input.locale);
  const t = noticesTranslator(lang);
  const { title, body } = renderNotice(input.kind, input.params, lang);
  const url = `${input.appUrl}/notices`;
  const footer = [t('message.readAll', { url }), t('message.why', { accountId: input.accountId })];
  return {
    subject: title,
    text: `${title}\n\n${body}\n\n-- \n${footer.join('\n')}\n`,
    html: emailHtml({ lang, title, paragraphs: [body], footer }),
  };
}

export function renderNoticeSms(input: NoticeMessageInput): { text: string; template: SmsTemplateRef } {
  const lang = messageLocale(input.locale);
  const t = noticesTranslator(lang);
  const { title, body } = renderNotice(input.kind, input.params, lang);
  const values: [string, string][] = isKnownKind(input.kind) ? NOTICE_PARAMS[input.kind].map((name) => [name, paramValue(name, input.params, lang)]) : [];
  return { text: t('message.sms', { title, body, url: `${input.appUrl}/notices` }), template: { name: input.kind, values: [...values, ['title', title]] } };
}

/**
 * The invitation email to the invitee (issue 17): the account, the role and the single-use link,
 * which only this one message carries (`notice_deliveries.message_params`).
 */
export function renderInvitationEmail(input: { params: Record<string, string>; locale: string | null | undefined }): { subject: string; text: string; html: string } {
  const lang = messageLocale(input.locale);
  const t = noticesTranslator(lang);
  const p = input.params;
  const expires = new Date(p.expiresAt ?? '');
  const expiresAt = Number.isNaN(expires.getTime()) ? '—' : new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }).format(expires);
  const values = { accountName: p.accountName ?? '—', invitedBy: p.invitedBy ?? '—', role: p.role ?? '—', url: p.url ?? '', expiresAt };
  const subject = t('invitation.subject', values);
  const paragraphs = [t('invitation.intro', values), t('invitation.link', values), t('invitation.signIn')];
  return { subject, text: `${paragraphs.join('\n\n')}\n`, html: emailHtml({ lang, title: subject, paragraphs, footer: [] }) };
}
