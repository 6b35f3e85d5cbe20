'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/guard';

export interface ActionFeedback {
  tone: 'success' | 'error';
  text: string;
  fieldErrors?: Record<string, string>;
}

/**
 * Runs a contact server action, keeps its message for the user and re-renders the page from the
 * server afterwards (the details shown always come from the database, not from client state).
 */
export function useContactAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<ActionFeedback | null>(null);
  function run<R extends { message: string }>(action: () => Promise<ActionResult<R>>, onSuccess?: (data: R) => void) {
    startTransition(async () => {
      setFeedback(null);
      const result = await action();
      if (result.ok) {
        setFeedback({ tone: 'success', text: result.data.message });
        onSuccess?.(result.data);
      } else {
        setFeedback({ tone: 'error', text: result.error.message, fieldErrors: result.error.fieldErrors });
      }
      router.refresh();
    });
  }
  return { pending, feedback, run, clear: () => setFeedback(null) };
}
