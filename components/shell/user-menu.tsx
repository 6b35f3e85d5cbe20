'use client';

import Link from 'next/link';
import { useTranslations } from '@/components/shell/client-i18n';
import { useState } from 'react';
import { useServerAction } from '@/components/ui/use-server-action';
import { signOutOtherSessions, switchAccountAction } from '@/lib/auth/actions';
import type { MemberRole } from '@/lib/members/roles';
import { signOutTo } from './auth-client';

export interface MenuAccount {
  accountId: string;
  accountName: string;
  role: MemberRole;
}

/**
 * The user menu: who is signed in, the accounts they may use (switching sends the choice to the
 * server, which checks the membership and keeps the account on the session), and session actions.
 */
export function UserMenu({
  name,
  email,
  accounts,
  accountInUse,
  canClose,
}: {
  name: string;
  email: string;
  accounts: MenuAccount[];
  accountInUse: string | null;
  /** Closing is for owners (and support viewing as the customer, who is refused when trying). */
  canClose: boolean;
}) {
  const t = useTranslations('common');
  const { pending, feedback, run } = useServerAction();
  // Switching loads the new account's portal at once: its success message is never shown.
  const [leaving, setLeaving] = useState(false);
  const message = feedback && !(leaving && feedback.tone === 'success') ? feedback.text : null;
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800" aria-label={t('userMenu.label')}>
        <span aria-hidden="true" className="mr-1">●</span>
        <span className="hidden sm:inline">{name}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <p className="text-sm font-medium">{name}</p>
        <p className="mb-3 truncate text-xs text-slate-600 dark:text-slate-400">{email}</p>
        {accountInUse && accounts.length > 0 ? (
          <div className="mb-2 border-b border-slate-200 pb-2 dark:border-slate-700">
            <p className="px-2 text-xs font-semibold uppercase text-slate-500">{t('userMenu.accounts')}</p>
            <ul>
              {accounts.map((a) => (
                <li key={a.accountId}>
                  {a.accountId === accountInUse ? (
                    <p className="px-2 py-1 text-sm font-medium" aria-current="true">
                      {a.accountName} <span className="font-mono text-xs">{a.accountId}</span> · {t(`userMenu.role.${a.role}`)} ({t('userMenu.inUse')})
                    </p>
                  ) : (
                    <button
                      type="button"
                      disabled={pending}
                      className="block w-full rounded-md px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                      onClick={() =>
                        run(() => switchAccountAction({ accountId: a.accountId }), {
                          refresh: 'never',
                          onSuccess: () => {
                            setLeaving(true);
                            // A full load on purpose: nothing the client cached of the previous account survives the switch.
                            // eslint-disable-next-line @next/next/no-location-assign-relative-destination
                            window.location.assign('/');
                          },
                        })
                      }
                    >
                      {t('userMenu.switchTo', { name: a.accountName, accountId: a.accountId })} · {t(`userMenu.role.${a.role}`)}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <button
          type="button"
          disabled={pending}
          className="block w-full rounded-md px-2 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          onClick={() => run(() => signOutOtherSessions({}), { refresh: 'never' })}
        >
          {t('userMenu.signOutOthers')}
        </button>
        {message ? (
          <p role="status" className="px-2 py-1 text-xs text-slate-700 dark:text-slate-300">
            {message}
          </p>
        ) : null}
        <Link href="/account/identities" className="block w-full rounded-md px-2 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
          {t('userMenu.identities')}
        </Link>
        {canClose ? (
          <Link href="/account/close" className="block w-full rounded-md px-2 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
            {t('userMenu.closeAccount')}
          </Link>
        ) : null}
        <button
          type="button"
          className="mt-1 block w-full rounded-md px-2 py-2 text-left text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-slate-800"
          onClick={() => void signOutTo('/sign-in')}
        >
          {t('userMenu.signOut')}
        </button>
      </div>
    </details>
  );
}
