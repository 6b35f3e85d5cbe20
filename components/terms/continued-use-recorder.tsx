'use client';

import { useEffect } from 'react';
import { recordTermsContinuedUse } from '@/lib/terms/actions';

/**
 * Records the customer's continued use of the terms version in force, once, after the page is
 * shown: rendered by the shell only while that record is missing, so a render never writes.
 */
export function ContinuedUseRecorder({ version }: { version: number }) {
  useEffect(() => {
    // The record is the point; a failure is retried on the next page, which still finds it missing.
    recordTermsContinuedUse({}).catch(() => undefined);
  }, [version]);
  return null;
}
