import { clsx } from 'clsx';
import type { ComponentProps, ReactNode } from 'react';

const cellClasses = 'px-3 py-2';
const numericCellClasses = 'px-3 py-2 text-right tabular-nums';

/**
 * A framed data table that scrolls sideways on narrow screens. The caption is read by screen
 * readers and is the table's accessible name. `className` is for the frame (e.g. spacing);
 * other props go to the table.
 */
export function Table({ caption, className, children, ...props }: ComponentProps<'table'> & { caption: string }) {
  return (
    <div className={clsx('overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800', className)}>
      <table className="w-full text-left text-sm" {...props}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** The header row; its cells are `Th`s. */
export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-900 dark:text-slate-400">
      <tr>{children}</tr>
    </thead>
  );
}

/** A body row, ruled off from the one above. */
export function Tr({ className, ...props }: ComponentProps<'tr'>) {
  return <tr className={clsx('border-t border-slate-200 dark:border-slate-800', className)} {...props} />;
}

/** A header cell: a column's by default, a row's with scope="row". Numeric ones align right. */
export function Th({ numeric = false, scope = 'col', className, ...props }: ComponentProps<'th'> & { numeric?: boolean }) {
  return <th scope={scope} className={clsx(numeric ? numericCellClasses : cellClasses, className)} {...props} />;
}

/** A data cell; numeric ones align right with figures of one width. */
export function Td({ numeric = false, className, ...props }: ComponentProps<'td'> & { numeric?: boolean }) {
  return <td className={clsx(numeric ? numericCellClasses : cellClasses, className)} {...props} />;
}
