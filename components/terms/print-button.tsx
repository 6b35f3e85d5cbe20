'use client';

import { buttonClasses } from '@/components/ui/button';

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className={buttonClasses('secondary', 'no-print')} onClick={() => window.print()}>
      {label}
    </button>
  );
}
