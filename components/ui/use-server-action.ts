'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/guard';
import { reauthPath } from '@/lib/auth/session-policy';

export interface ActionFeedback {
  tone: 'success' | 'error';
  text: string;
  /** The action's error code, for forms that react to a particular refusal. */
  code?: string;
  fieldErrors?: Record<string, string>;
}

/**
 * Runs a server action, keeps its message for the user and re-renders the page from the server
 * afterwards, so what the page shows always comes from the database, not from client state.
 */
export function useServerAction() {
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
      } else if (result.error.code === 'reauth_required') {
        // A step that needs a recent sign-in: through the provider again, then back to this page.
        window.location.assign(reauthPath(window.location.pathname + window.location.search));
        return;
      } else {
        setFeedback({ tone: 'error', text: result.error.message, code: result.error.code, fieldErrors: result.error.fieldErrors });
      }
      router.refresh();
    });
  }
  return { pending, feedback, run, clear: () => setFeedback(null) };
}
