import type { StaffRole } from '@/lib/db/schema';
import type { MemberRole } from '@/lib/members/roles';

export interface NavItem {
  href: string;
  /** Key in the `common.nav` messages. */
  label: string;
  /** Shown only to holders of this staff role. */
  role?: StaffRole;
  /** Shown only to members with one of these roles on the account in use. */
  memberRoles?: readonly MemberRole[];
  /** Shown only while messages go to the built-in demo mailbox. */
  demoOnly?: boolean;
}

/** The navigation: one entry per page that exists. */
export const navItems: NavItem[] = [
  { href: '/', label: 'overview' },
  { href: '/charges', label: 'charges' },
  { href: '/top-up', label: 'topUp', memberRoles: ['owner', 'billing'] },
  { href: '/invoices', label: 'invoices' },
  { href: '/contact', label: 'contact' },
  { href: '/notices', label: 'notices' },
  { href: '/support-cases', label: 'supportCases' },
  { href: '/terms', label: 'terms' },
  { href: '/activity', label: 'activity' },
  { href: '/members', label: 'members', memberRoles: ['owner'] },
  { href: '/support', label: 'support', role: 'support' },
  { href: '/finance', label: 'finance', role: 'finance' },
  { href: '/admin/terms', label: 'admin', role: 'admin' },
  { href: '/admin/prices', label: 'adminPrices', role: 'admin' },
  { href: '/admin/announcements', label: 'adminAnnouncements', role: 'admin' },
  { href: '/admin/accounts', label: 'adminAccounts', role: 'admin' },
  { href: '/mailbox', label: 'mailbox', demoOnly: true },
];
