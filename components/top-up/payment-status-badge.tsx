import { clsx } from 'clsx';
import type { PaymentStatus } from '@/lib/db/schema';

const tones: Record<PaymentStatus, string> = {
  pending: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  succeeded: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  declined: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  failed: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  expired: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

/** A payment's status as a coloured label (the text carries the meaning; colour only repeats it). */
export function PaymentStatusBadge({ status, label }: { status: PaymentStatus; label: string }) {
  return <span className={clsx('inline-flex rounded-full px-2 py-0.5 text-xs font-medium', tones[status])}>{label}</span>;
}
