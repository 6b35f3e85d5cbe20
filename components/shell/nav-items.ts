import type { StaffRole } from '@/lib/db/schema';

export interface NavItem {
  href: string;
  /** Key in the `common.nav` messages. */
  label: string;
  /** Shown only to holders of this staff role. */
  role?: StaffRole;
}

/** The navigation: one entry per page that exists. */
export const navItems: NavItem[] = [
  { href: '/', label: 'overview' },
  { href: '/support', label: 'support', role: 'support' },
  { href: '/finance', label: 'finance', role: 'finance' },
];
