import { clsx } from 'clsx';
import type { ComponentProps } from 'react';

/**
 * A data table framed like `components/ui/table`'s, whose frame is a named, focusable region: wide
 * tables scroll sideways on narrow screens, and keyboard users can scroll them too (WCAG 2.1.1).
 * Rows and cells are the shared primitives (TableHead, Tr, Th, Td).
 */
export function FocusableTable({ caption, className, children, ...props }: ComponentProps<'table'> & { caption: string }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className={clsx('overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800', className)}>
      <table className="w-full text-left text-sm" {...props}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
