'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from '@/components/shell/client-i18n';
import { useState } from 'react';

export interface VisibleNavItem {
  href: string;
  label: string;
}

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ items }: { items: VisibleNavItem[] }) {
  const pathname = usePathname();
  const t = useTranslations('common');
  const [open, setOpen] = useState(false);
  const links = (
    <ul className="flex flex-col gap-1 md:flex-row md:flex-nowrap md:overflow-x-auto">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={isActive(pathname, item.href) ? 'page' : undefined}
            onClick={() => setOpen(false)}
            className={clsx(
              'block whitespace-nowrap rounded-md px-3 py-2 text-sm',
              isActive(pathname, item.href)
                ? 'bg-brand-50 font-semibold text-brand-700 dark:bg-slate-800 dark:text-white'
                : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
            )}
          >
            {t(`nav.${item.label}`)}
          </Link>
        </li>
      ))}
    </ul>
  );
  return (
    <nav aria-label={t('nav.label')}>
      <button
        type="button"
        className="rounded-md px-3 py-2 text-sm md:hidden"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen((v) => !v)}
      >
        {t('nav.menu')}
      </button>
      <div id="main-nav" className={clsx(open ? 'block' : 'hidden', 'pb-2 md:block md:pb-0')}>
        {links}
      </div>
    </nav>
  );
}
