'use client';

import { useEffect } from 'react';
import { recordTermsViewed } from '@/lib/terms/actions';

/**
 * Records that the customer opened a version's text, once the page is shown (the first view of
 * each version counts; later ones change nothing), so rendering the page never writes.
 */
export function TermsViewRecorder({ version, via }: { version: number; via: 'terms_page' | 'diff_page' }) {
  useEffect(() => {
    // The record is the point; a failure is retried the next time the page is opened.
    recordTermsViewed({ version, via }).catch(() => undefined);
  }, [version, via]);
  return null;
}
