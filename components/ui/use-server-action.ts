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

export interface RunOptions<R> {
  /** Called with the action's data once it succeeded (e.g. to go to the page it returned). */
  onSuccess?: (data: R) => void;
  /** Called with the refusal (after the feedback is set), for forms that react to a particular code. */
  onError?: (error: { code: string; message: string; fieldErrors?: Record<string, string> }) => void;
  /**
   * Re-render the page from the server afterwards: `always` (the default), only after `success`,
   * or `never` (the form leaves the page on success, or shows the refusal and nothing changed).
   */
  refresh?: 'always' | 'success' | 'never';
}

/**
 * The one way a client form runs a server action: keeps its message for the user (`feedback`: the
 * data's `message` on success when it has one, the refusal otherwise), sends the user through the
 * provider again when the step needs a recent sign-in, and re-renders the page from the server
 * afterwards, so what the page shows always comes from the database, not from client state.
 */
export function useServerAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<ActionFeedback | null>(null);
  function run<R>(action: () => Promise<ActionResult<R>>, options: RunOptions<R> | ((data: R) => void) = {}) {
    const { onSuccess, onError, refresh = 'always' } = typeof options === 'function' ? { onSuccess: options } : options;
    startTransition(async () => {
      setFeedback(null);
      const result = await action();
      if (result.ok) {
        const message = (result.data as { message?: unknown } | null | undefined)?.message;
        if (typeof message === 'string') setFeedback({ tone: 'success', text: message });
        onSuccess?.(result.data);
      } else if (result.error.code === 'reauth_required') {
        // A step that needs a recent sign-in: through the provider again, then back to this page.
        window.location.assign(reauthPath(window.location.pathname + window.location.search));
        return;
      } else {
        setFeedback({ tone: 'error', text: result.error.message, code: result.error.code, fieldErrors: result.error.fieldErrors });
        onError?.(result.error);
      }
      if (refresh === 'always' || (refresh === 'success' && result.ok)) router.refresh();
    });
  }
  return { pending, feedback, run, clear: () => setFeedback(null) };
}
