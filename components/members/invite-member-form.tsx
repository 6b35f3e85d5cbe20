'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { inviteMemberAction } from '@/lib/members/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';
import { memberRoles, type MemberRole } from '@/lib/members/roles';

const input = 'mt-1 block w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

/** Invite by email with a role; the single-use link is shown once here (it is also emailed). */
export function InviteMemberForm() {
  const t = useTranslations('members');
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('viewer');
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const { pending, feedback, run } = useServerAction();
  const fieldError = feedback?.fieldErrors?.email;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setLink(null);
        setCopied(false);
        run(
          () => inviteMemberAction({ email, role }),
          (data) => {
            setLink(data.url);
            setEmail('');
          },
        );
      }}
    >
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      {link ? (
        <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p>{t('invite.linkOnce')}</p>
          <label htmlFor={`${id}-link`} className="block font-medium">
            {t('invite.linkLabel')}
          </label>
          <input id={`${id}-link`} readOnly value={link} className={`${input} max-w-full font-mono`} onFocus={(event) => event.currentTarget.select()} />
          <button
            type="button"
            className={buttonClasses('secondary')}
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => setCopied(true));
            }}
          >
            {t('invite.copy')}
          </button>
          {copied ? <span role="status">{t('invite.copied')}</span> : null}
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-email`} className="block text-sm font-medium">
          {t('invite.email')}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          className={input}
        />
      </div>
      <div>
        <label htmlFor={`${id}-role`} className="block text-sm font-medium">
          {t('invite.role')}
        </label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as MemberRole)} className={input}>
          {memberRoles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClasses('primary')} disabled={pending}>
        {t('invite.submit')}
      </button>
    </form>
  );
}
