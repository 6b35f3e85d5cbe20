'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { changeMemberRoleAction, removeMemberAction } from '@/lib/members/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';
import { memberRoles, type MemberRole } from '@/lib/members/roles';

const select = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';

/** A member's role: pick one and change it (the last owner's demotion is refused by the server). */
export function MemberRoleForm({ userId, name, role }: { userId: string; name: string; role: MemberRole }) {
  const t = useTranslations('members');
  const id = useId();
  const [value, setValue] = useState<MemberRole>(role);
  const { pending, feedback, run } = useServerAction();
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => changeMemberRoleAction({ userId, role: value }));
      }}
    >
      <label htmlFor={`${id}-role`} className="sr-only">
        {t('list.roleLabel', { name })}
      </label>
      <select id={`${id}-role`} value={value} onChange={(event) => setValue(event.target.value as MemberRole)} className={select}>
        {memberRoles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit" className={buttonClasses('secondary', 'px-2 py-1')} disabled={pending || value === role}>
        {t('list.changeRole')}
      </button>
      {feedback?.tone === 'error' ? <Alert tone="error">{feedback.text}</Alert> : null}
    </form>
  );
}

/** Removing a member (or leaving, for oneself) takes a second click to confirm. */
export function RemoveMemberButton({ userId, name, self }: { userId: string; name: string; self: boolean }) {
  const t = useTranslations('members');
  const [confirming, setConfirming] = useState(false);
  const { pending, feedback, run } = useServerAction();
  const label = self ? t('list.leave') : t('list.remove', { name });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <span className="text-sm">{t('list.removeConfirm', { name })}</span>
          <button type="button" className={buttonClasses('danger', 'px-2 py-1')} disabled={pending} onClick={() => run(() => removeMemberAction({ userId }))}>
            {label}
          </button>
        </>
      ) : (
        <button type="button" className={buttonClasses('ghost', 'px-2 py-1 text-red-700 dark:text-red-400')} onClick={() => setConfirming(true)}>
          {label}
        </button>
      )}
      {feedback?.tone === 'error' ? <Alert tone="error">{feedback.text}</Alert> : null}
    </div>
  );
}
