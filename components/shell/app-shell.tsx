import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UnreadNoticeCount } from '@/components/notices/unread-notice-count';
import { config } from '@/lib/config';
import { mailboxEnabled } from '@/lib/notices/mailbox';
import type { ShellData } from '@/lib/shell/load-shell';
import { Banners } from './banners';
import { LanguageSwitch } from './language-switch';
import { NavLinks } from './nav-links';
import { navItems } from './nav-items';
import { UserMenu } from './user-menu';

/** The frame of every signed-in page: header with navigation and user menu, banners, content. Its data comes loaded (`loadShell`). */
export async function AppShell({ shell, children }: { shell: ShellData | null; children: React.ReactNode }) {
  const t = await getTranslations('common');
  const viewer = shell?.viewer ?? null;
  const items = navItems
    .filter((item) => (!item.role || viewer?.roles.includes(item.role)) && (!item.demoOnly || mailboxEnabled(config())))
    // Pages of a member role: shown to holders of it (support viewing as a customer sees what an owner sees).
    .filter((item) => !item.memberRoles || (viewer && (viewer.impersonation || (viewer.memberRole && item.memberRoles.includes(viewer.memberRole)))))
    .map(({ href, label }) => ({ href, label }));
  // The account in use, on every page (while viewing as a customer the impersonation banner names it).
  const inUse = shell && viewer && !viewer.impersonation ? shell.memberships.find((m) => m.accountId === viewer.accountId) : undefined;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        {t('skipToContent')}
      </a>
      <header className="no-print relative border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <Link href="/" className="whitespace-nowrap font-semibold text-brand-700 dark:text-white">
            {t('appName')}
          </Link>
          <div className="ml-auto flex items-center gap-1">
            {shell ? <UnreadNoticeCount count={shell.unreadNotices} /> : null}
            {inUse ? (
              <span className="hidden max-w-[16rem] truncate px-2 text-xs text-slate-600 md:inline dark:text-slate-400" data-testid="account-in-use" data-account-id={inUse.accountId}>
                {t('userMenu.accountInUse', { name: inUse.accountName, accountId: inUse.accountId, role: t(`userMenu.role.${inUse.role}`) })}
              </span>
            ) : null}
            <LanguageSwitch />
            {viewer ? (
              <UserMenu
                name={viewer.name}
                email={viewer.email}
                accounts={viewer.impersonation ? [] : (shell?.memberships ?? [])}
                accountInUse={viewer.impersonation ? null : viewer.accountId}
                canClose={viewer.impersonation !== null || viewer.memberRole === 'owner'}
              />
            ) : null}
          </div>
        </div>
        {viewer ? (
          <div className="mx-auto max-w-6xl px-2 pb-1">
            <NavLinks items={items} />
          </div>
        ) : null}
      </header>
      {shell ? (
        <div className="no-print mx-auto max-w-6xl px-4 pt-4">
          <Banners shell={shell} />
        </div>
      ) : null}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
