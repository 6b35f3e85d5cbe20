import { clsx } from 'clsx';
import type { VersionStatus } from '@/lib/terms/versions';

const tones: Record<VersionStatus, string> = {
  current: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  upcoming: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
  superseded: 'border-slate-300 bg-slate-100 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300',
};

export function VersionStatusBadge({ status, label }: { status: VersionStatus; label: string }) {
  return <span className={clsx('inline-block rounded-full border px-2 py-0.5 text-xs font-medium print:border-black print:bg-transparent print:text-black', tones[status])}>{label}</span>;
}
