'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/guard';

export interface InvoiceActionFeedback {
  tone: 'success' | 'error';
  text: string;
  code?: string;
  fieldErrors?: Record<string, string>;
}

/**
 * Runs an invoice server action, keeps its message for the user and re-renders the page from the
 * server afterwards, so amounts and lists shown always come from the database.
 */
export function useInvoiceAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<InvoiceActionFeedback | null>(null);
  function run<R extends { message: string }>(action: () => Promise<ActionResult<R>>, onSuccess?: (data: R) => void) {
    startTransition(async () => {
      setFeedback(null);
      const result = await action();
      if (result.ok) {
        setFeedback({ tone: 'success', text: result.data.message });
        onSuccess?.(result.data);
      } else {
        setFeedback({ tone: 'error', text: result.error.message, code: result.error.code, fieldErrors: result.error.fieldErrors });
      }
      router.refresh();
    });
  }
  return { pending, feedback, run, clear: () => setFeedback(null) };
}
