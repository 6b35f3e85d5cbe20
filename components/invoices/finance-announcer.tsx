'use client';

import { createContext, useContext, useState } from 'react';
import { Alert } from '@/components/ui/alert';

const AnnounceContext = createContext<(message: { tone: 'success' | 'error'; text: string }) => void>(() => {});

/**
 * Keeps the outcome of the last queue decision on screen: a decided row may leave the filtered
 * queue when the page refreshes, taking its own message with it.
 */
export function FinanceAnnouncer({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  return (
    <AnnounceContext.Provider value={setMessage}>
      <div aria-live="polite" data-testid="finance-last-outcome">
        {message ? (
          <Alert tone={message.tone} className="mb-3">
            {message.text}
          </Alert>
        ) : null}
      </div>
      {children}
    </AnnounceContext.Provider>
  );
}

export function useFinanceAnnounce() {
  return useContext(AnnounceContext);
}
